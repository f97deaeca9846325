using System.Text;

namespace Cairn.ArchitectureTests.Support;

/// <summary>
/// The string literals of a C# source file, each with the line it starts on: regular, verbatim, interpolated and
/// raw strings. Comments and character literals are skipped. Of an interpolated string only the text counts; the
/// code in its holes is read as code, so a literal nested there is found on its own. Enough of C# to find
/// literals reliably, not a parser.
/// </summary>
internal sealed class StringLiterals
{
    private readonly string _source;
    private readonly List<int> _lineStarts = [0];
    private readonly List<Literal> _found = [];
    private int _pos;

    private StringLiterals(string source)
    {
        _source = source;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>A literal's text (escapes left as written) and the 1-based line it starts on.</summary>
    public readonly record struct Literal(int Line, string Text);

    public static IReadOnlyList<Literal> In(string source)
    {
        var lexer = new StringLiterals(source);
        lexer.Code(insideHole: false);
        return lexer._found;
    }

    /// <summary>Reads code to the end of the source, or (inside an interpolation hole) past the brace closing it.</summary>
    private void Code(bool insideHole)
    {
        var depth = 0;
        while (_pos < _source.Length)
        {
            var c = _source[_pos];
            if (c == '/' && At(1) == '/')
            {
                SkipPast("\n");
            }
            else if (c == '/' && At(1) == '*')
            {
                SkipPast("*/");
            }
            else if (c == '\'')
            {
                SkipCharLiteral();
            }
            else if (!TryReadString())
            {
                if (insideHole && c == '{')
                {
                    depth++;
                }
                else if (insideHole && c == '}' && depth-- == 0)
                {
                    _pos++;
                    return;
                }

                _pos++;
            }
        }
    }

    /// <summary>Reads a string literal starting here (with its $ and @ prefixes); false when none starts here.</summary>
    private bool TryReadString()
    {
        var start = _pos;
        var quote = _pos;
        var dollars = 0;
        var verbatim = false;
        while (quote < _source.Length && _source[quote] is '$' or '@')
        {
            dollars += _source[quote] == '$' ? 1 : 0;
            verbatim |= _source[quote] == '@';
            quote++;
        }

        if (quote >= _source.Length || _source[quote] != '"')
        {
            return false;
        }

        var quotes = 0;
        while (quote + quotes < _source.Length && _source[quote + quotes] == '"')
        {
            quotes++;
        }

        _pos = quote;
        if (quotes >= 3)
        {
            ReadRaw(start, quotes);
        }
        else
        {
            ReadQuoted(start, interpolated: dollars > 0, verbatim);
        }

        return true;
    }

    /// <summary>A raw string: everything up to the next run of as many quotes as opened it (holes kept as text).</summary>
    private void ReadRaw(int start, int quotes)
    {
        var delimiter = new string('"', quotes);
        var contentStart = _pos + quotes;
        var end = _source.IndexOf(delimiter, contentStart, StringComparison.Ordinal);
        var contentEnd = end < 0 ? _source.Length : end;
        Add(start, _source[contentStart..contentEnd]);
        _pos = end < 0 ? _source.Length : end + quotes;
    }

    /// <summary>A regular or verbatim string, interpolated or not; <see cref="_pos"/> is on its opening quote.</summary>
    private void ReadQuoted(int start, bool interpolated, bool verbatim)
    {
        var text = new StringBuilder();
        _pos++;
        while (_pos < _source.Length)
        {
            var c = _source[_pos];
            if (c == '"' && verbatim && At(1) == '"')
            {
                text.Append("\"\"");
                _pos += 2;
            }
            else if (c == '"' || (c == '\n' && !verbatim))
            {
                _pos++;
                break;
            }
            else if (c == '\\' && !verbatim)
            {
                text.Append(_source, _pos, Math.Min(2, _source.Length - _pos));
                _pos += 2;
            }
            else if (interpolated && c is '{' or '}' && At(1) == c)
            {
                text.Append(c);
                _pos += 2;
            }
            else if (interpolated && c == '{')
            {
                _pos++;
                Code(insideHole: true);
            }
            else
            {
                text.Append(c);
                _pos++;
            }
        }

        Add(start, text.ToString());
    }

    private void SkipCharLiteral()
    {
        _pos++;
        while (_pos < _source.Length && _source[_pos] is not ('\'' or '\n'))
        {
            _pos += _source[_pos] == '\\' ? 2 : 1;
        }

        _pos++;
    }

    private void SkipPast(string end)
    {
        var at = _source.IndexOf(end, _pos + 2, StringComparison.Ordinal);
        _pos = at < 0 ? _source.Length : at + end.Length;
    }

    private char At(int offset) => _pos + offset < _source.Length ? _source[_pos + offset] : '\0';

    private void Add(int start, string text)
    {
        var line = _lineStarts.BinarySearch(start);
        _found.Add(new Literal((line >= 0 ? line : ~line - 1) + 1, text));
    }
}
