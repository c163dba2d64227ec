using System.Globalization;

namespace Scrawl.Numerics.Formats;

/// <summary>
/// Parses the Python-literal header of an .npy file, e.g.
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c>. It understands only the
/// literals numpy writes there: strings, True/False/None, integers, tuples, lists and dicts.
/// Errors are <see cref="FormatException"/>s; the reader adds the file name.
/// </summary>
internal sealed class NpyHeaderParser
{
    private const int MaxDepth = 16;
    private readonly string _text;
    private int _pos;

    private NpyHeaderParser(string text) => _text = text;

    /// <summary>Parses a header that must be a single dict literal with string keys.</summary>
    public static Dictionary<string, object?> ParseDict(string text)
    {
        var parser = new NpyHeaderParser(text);
        var value = parser.ParseValue(0);
        parser.SkipSpace();
        if (parser._pos != text.Length)
        {
            throw new FormatException($"unexpected text after the header dict at character {parser._pos}");
        }

        return value as Dictionary<string, object?> ?? throw new FormatException("the header is not a dict literal");
    }

    private object? ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("the header nests too deeply");
        }

        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new FormatException("the header ends in the middle of a value");
        }

        char c = _text[_pos];
        return c switch
        {
            '\'' or '"' => ParseString(),
            '(' => ParseSequence(')', depth),
            '[' => ParseSequence(']', depth),
            '{' => ParseDictBody(depth),
            _ when c == '-' || char.IsAsciiDigit(c) => ParseInteger(),
            _ => ParseWord(),
        };
    }

    private Dictionary<string, object?> ParseDictBody(int depth)
    {
        _pos++; // '{'
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (TryConsume('}'))
            {
                return dict;
            }

            if (ParseValue(depth + 1) is not string key)
            {
                throw new FormatException("a header dict key is not a string");
            }

            SkipSpace();
            Expect(':');
            if (!dict.TryAdd(key, ParseValue(depth + 1)))
            {
                throw new FormatException($"the header repeats the key '{key}'");
            }

            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                Expect('}');
                return dict;
            }
        }
    }

    private List<object?> ParseSequence(char close, int depth)
    {
        _pos++; // '(' or '['
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (TryConsume(close))
            {
                return items;
            }

            items.Add(ParseValue(depth + 1));
            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                Expect(close);
                return items;
            }
        }
    }

    private string ParseString()
    {
        char quote = _text[_pos++];
        var sb = new System.Text.StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c == '\\' && _pos < _text.Length)
            {
                c = _text[_pos++];
            }

            sb.Append(c);
        }

        throw new FormatException("a string in the header is not closed");
    }

    private long ParseInteger()
    {
        int start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        var digits = _text.AsSpan(start, _pos - start);
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l')
        {
            _pos++; // Python 2 long suffix, written by old numpy versions.
        }

        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new FormatException($"the header number '{digits}' is not a valid 64-bit integer");
        }

        return value;
    }

    private object? ParseWord()
    {
        int start = _pos;
        while (_pos < _text.Length && char.IsAsciiLetter(_text[_pos]))
        {
            _pos++;
        }

        string word = _text[start.._pos];
        return word switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw new FormatException($"unexpected '{(word.Length > 0 ? word : _text[start].ToString())}' at character {start} of the header"),
        };
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            string found = _pos < _text.Length ? $"'{_text[_pos]}'" : "the end";
            throw new FormatException($"expected '{c}' at character {_pos} of the header, found {found}");
        }
    }
}
