using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Shipshape.Echo.Api;

/// <summary>
/// Strict parser of a raw query string (application/x-www-form-urlencoded rules: '&amp;' separates pairs,
/// the first '=' separates key from value, '+' is a space). Unlike the framework's lenient parser it refuses
/// malformed percent-encoding and invalid UTF-8 instead of passing them on as replacement characters.
/// </summary>
public static class QueryParser
{
    public static QueryError TryParse(ReadOnlySpan<char> raw, int maxParameters, out EchoQuery query)
    {
        query = EchoQuery.Empty;
        if (raw.StartsWith('?'))
        {
            raw = raw[1..];
        }

        if (raw.IsEmpty)
        {
            return QueryError.None;
        }

        var result = new EchoQuery();
        foreach (var range in raw.Split('&'))
        {
            var pair = raw[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (result.ParameterCount == maxParameters)
            {
                return QueryError.TooManyParameters;
            }

            var equals = pair.IndexOf('=');
            var rawKey = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? [] : pair[(equals + 1)..];
            var error = Decode(rawKey, out var key);
            if (error == QueryError.None)
            {
                error = Decode(rawValue, out var value);
                result.Add(key, value);
            }

            if (error != QueryError.None)
            {
                return error;
            }
        }

        query = result;
        return QueryError.None;
    }

    private static QueryError Decode(ReadOnlySpan<char> encoded, out string decoded)
    {
        decoded = string.Empty;
        if (encoded.IndexOfAny('%', '+') < 0 && Ascii.IsValid(encoded))
        {
            decoded = encoded.ToString();
            return QueryError.None;
        }

        // Every input char yields at most 3 UTF-8 bytes; percent escapes shrink.
        var rented = ArrayPool<byte>.Shared.Rent(encoded.Length * 3);
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var c = encoded[i];
                if (c == '%')
                {
                    if (i + 2 >= encoded.Length || !IsHex(encoded[i + 1]) || !IsHex(encoded[i + 2]))
                    {
                        return QueryError.MalformedPercentEncoding;
                    }

                    rented[length++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 2;
                }
                else if (c == '+')
                {
                    rented[length++] = (byte)' ';
                }
                else if (c < 0x80)
                {
                    rented[length++] = (byte)c;
                }
                else
                {
                    // Raw non-ASCII text arrives already decoded into UTF-16; keep it as UTF-8.
                    if (Rune.DecodeFromUtf16(encoded[i..], out var rune, out var consumed) != OperationStatus.Done)
                    {
                        return QueryError.InvalidUtf8;
                    }

                    length += rune.EncodeToUtf8(rented.AsSpan(length));
                    i += consumed - 1;
                }
            }

            var bytes = rented.AsSpan(0, length);
            if (!Utf8.IsValid(bytes))
            {
                return QueryError.InvalidUtf8;
            }

            decoded = Encoding.UTF8.GetString(bytes);
            return QueryError.None;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
