using System.Numerics;

namespace Shipshape.Policy.Manifests;

/// <summary>Integers as Go's <c>strconv.ParseInt(s, 0, 64)</c> reads them, which is how kubectl's YAML reader types them.</summary>
internal static class GoIntegers
{
    /// <summary>
    /// A sign, then <c>0x</c> (hex), <c>0o</c> or a leading <c>0</c> (octal), <c>0b</c> (binary), or decimal digits.
    /// Of any size: go-yaml falls back to big integers where 64 bits do not hold the value.
    /// </summary>
    public static bool TryParse(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var negative = text.StartsWith('-');
        var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        var radix = 10;
        if (digits.Length > 1 && digits[0] == '0')
        {
            (radix, digits) = char.ToLowerInvariant(digits[1]) switch
            {
                'x' => (16, digits[2..]),
                'o' => (8, digits[2..]),
                'b' => (2, digits[2..]),
                _ => (8, digits[1..]),
            };
        }
        if (digits.Length == 0)
        {
            return false;
        }
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
            {
                return false;
            }
            value = value * radix + digit;
        }
        value = negative ? -value : value;
        return true;
    }
}
