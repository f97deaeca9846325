namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// A text in which some characters are wildcards: <c>*</c> matches any run of characters (none included), <c>?</c>
/// exactly one. Which characters are wildcards is kept per position, so that text put in by a policy variable (or
/// spelled <c>${*}</c>) stays literal even when it contains '*' or '?'.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string _text;
    private readonly bool[]? _wild;

    private WildcardPattern(string text, bool[]? wild)
    {
        _text = text;
        _wild = wild;
    }

    /// <summary>The pattern's characters, wildcards as written: what the exact-match operators compare.</summary>
    public string Text => _text;

    /// <summary>True when the pattern holds at least one wildcard.</summary>
    public bool HasWildcards => _wild is not null;

    /// <summary>Every '*' and '?' of <paramref name="text"/> a wildcard.</summary>
    public static WildcardPattern Parse(string text) => new Builder().AppendPattern(text).Build();

    /// <summary>True when <paramref name="input"/> matches the whole pattern.</summary>
    public bool Matches(string input, bool ignoreCase)
    {
        if (_wild is null)
        {
            return string.Equals(_text, input, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        // Greedy match that returns to the last '*' on a mismatch: linear in practice, never exponential.
        int p = 0, s = 0, star = -1, resume = 0;
        while (s < input.Length)
        {
            if (p < _text.Length && _wild[p] && _text[p] == '*')
            {
                star = p++;
                resume = s;
            }
            else if (p < _text.Length && (_wild[p] && _text[p] == '?' || SameChar(_text[p], input[s], ignoreCase)))
            {
                p++;
                s++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < _text.Length && _wild[p] && _text[p] == '*')
        {
            p++;
        }

        return p == _text.Length;
    }

    /// <summary>
    /// The pattern cut at its first <paramref name="count"/> - 1 occurrences of <paramref name="separator"/> (a
    /// character that is never a wildcard); fewer pieces when it has fewer separators.
    /// </summary>
    public WildcardPattern[] Split(char separator, int count)
    {
        var pieces = new List<WildcardPattern>(count);
        var start = 0;
        while (pieces.Count < count - 1)
        {
            var at = _text.IndexOf(separator, start);
            if (at < 0)
            {
                break;
            }

            pieces.Add(Slice(start, at));
            start = at + 1;
        }

        pieces.Add(Slice(start, _text.Length));
        return [.. pieces];
    }

    private WildcardPattern Slice(int start, int end)
    {
        var wild = _wild?[start..end];
        return new WildcardPattern(_text[start..end], wild is not null && wild.Contains(true) ? wild : null);
    }

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b);

    /// <summary>Builds a pattern from pieces, some with wildcards, some literal.</summary>
    internal sealed class Builder
    {
        private readonly System.Text.StringBuilder _text = new();
        private readonly List<bool> _wild = [];
        private bool _anyWild;

        public Builder AppendPattern(string text)
        {
            foreach (var c in text)
            {
                var wild = c is '*' or '?';
                _anyWild |= wild;
                _text.Append(c);
                _wild.Add(wild);
            }

            return this;
        }

        public Builder AppendLiteral(string text)
        {
            _text.Append(text);
            _wild.AddRange(Enumerable.Repeat(false, text.Length));
            return this;
        }

        public WildcardPattern Build() => new(_text.ToString(), _anyWild ? [.. _wild] : null);
    }
}
