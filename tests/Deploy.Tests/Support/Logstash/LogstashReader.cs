using System.Globalization;
using System.Text;

namespace Shipshape.Deploy.Tests.Support.Logstash;

/// <summary>The lexical part of the pipeline grammar: blanks, comments, barewords, strings, numbers.</summary>
internal sealed class LogstashReader(string text)
{
    private int _position;

    public bool AtEnd
    {
        get
        {
            SkipBlank();
            return _position >= text.Length;
        }
    }

    /// <summary>The next character after blanks and comments, or '\0' at the end.</summary>
    public char Peek()
    {
        SkipBlank();
        return _position < text.Length ? text[_position] : '\0';
    }

    public bool TryTake(string token)
    {
        SkipBlank();
        if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0)
        {
            return false;
        }

        _position += token.Length;
        return true;
    }

    /// <summary>Takes a keyword only when it is a whole word (<c>else</c>, not the start of <c>elsewhere</c>).</summary>
    public bool TryTakeWord(string word)
    {
        SkipBlank();
        var end = _position + word.Length;
        var whole = end >= text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-');
        return whole && TryTake(word);
    }

    public void Take(string token)
    {
        if (!TryTake(token))
        {
            throw Error($"expected '{token}'");
        }
    }

    /// <summary>A bareword: a letter or '_', then letters, digits, '_' or '-'.</summary>
    public string Bareword()
    {
        SkipBlank();
        var start = _position;
        while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '-'))
        {
            _position++;
        }

        return _position > start && (char.IsAsciiLetter(text[start]) || text[start] == '_')
            ? text[start.._position]
            : throw Error("expected a name");
    }

    /// <summary>A double- or single-quoted string; a backslash keeps itself and the next character.</summary>
    public string Quoted()
    {
        var quote = Peek();
        Take(quote.ToString());
        var value = new StringBuilder();
        while (_position < text.Length && text[_position] != quote)
        {
            if (text[_position] == '\\' && _position + 1 < text.Length)
            {
                value.Append(text[_position++]);
            }

            value.Append(text[_position++]);
        }

        Take(quote.ToString());
        return value.ToString();
    }

    public decimal Number()
    {
        SkipBlank();
        var start = _position;
        _position += text[_position] == '-' ? 1 : 0;
        while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
        {
            _position++;
        }

        return decimal.TryParse(text[start.._position], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error("expected a number");
    }

    /// <summary>A condition as written, up to the '{' that opens its block (outside strings and brackets).</summary>
    public string Condition()
    {
        SkipBlank();
        var start = _position;
        var depth = 0;
        for (; _position < text.Length && (text[_position] != '{' || depth > 0); _position++)
        {
            switch (text[_position])
            {
                case '"' or '\'':
                    var quote = text[_position];
                    _position = text.IndexOf(quote, _position + 1);
                    if (_position < 0)
                    {
                        throw Error("unterminated string in a condition");
                    }

                    break;
                case '[' or '(':
                    depth++;
                    break;
                case ']' or ')':
                    depth--;
                    break;
            }
        }

        return text[start.._position].Trim();
    }

    public FormatException Error(string problem)
    {
        var line = text.AsSpan(0, Math.Min(_position, text.Length)).Count('\n') + 1;
        var column = _position - text.LastIndexOf('\n', Math.Max(_position - 1, 0));
        return new FormatException($"line {line}, column {column}: {problem}");
    }

    private void SkipBlank()
    {
        while (_position < text.Length)
        {
            if (char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
            else if (text[_position] == '#')
            {
                var end = text.IndexOf('\n', _position);
                _position = end < 0 ? text.Length : end + 1;
            }
            else
            {
                return;
            }
        }
    }
}
