namespace Cairn.Core.Cors;

/// <summary>
/// An AllowedOrigin or AllowedHeader value: literal text with at most one <c>*</c>, which stands for any run of
/// characters, the empty one included (<c>start*end</c> matches <c>startend</c>). A pattern is anchored at both ends.
/// </summary>
public static class CorsPattern
{
    public const char Wildcard = '*';

    /// <summary>How many wildcards the pattern holds (a rule is refused when a value has more than one).</summary>
    public static int Wildcards(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.AsSpan().Count(Wildcard);
    }

    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/> under <paramref name="comparison"/>.</summary>
    public static bool Matches(string pattern, string value, StringComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        var star = pattern.IndexOf(Wildcard, StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, value, comparison);
        }

        var prefix = pattern.AsSpan(0, star);
        var suffix = pattern.AsSpan(star + 1);
        return value.Length >= prefix.Length + suffix.Length
            && value.AsSpan().StartsWith(prefix, comparison)
            && value.AsSpan().EndsWith(suffix, comparison);
    }
}
