using System.Globalization;

namespace Cairn.Cli.Output;

/// <summary>Parses durations like <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>, <c>250ms</c> or plain seconds.</summary>
internal static class DurationText
{
    public static TimeSpan Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        (string Suffix, Func<double, TimeSpan> Make)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes),
            ("h", TimeSpan.FromHours), ("d", TimeSpan.FromDays),
        ];
        foreach (var (suffix, make) in units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
            {
                return make(number);
            }
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"'{text}' is not a duration (examples: 90s, 15m, 1h, 7d).");
    }

    /// <summary>Parses the value of option <paramref name="option"/>, which must be within [<paramref name="min"/>, <paramref name="max"/>] (more than 0 when no minimum).</summary>
    public static TimeSpan ParseWithin(string text, string option, TimeSpan? min, TimeSpan max)
    {
        var value = Parse(text);
        if (value > max || (min is { } least ? value < least : value <= TimeSpan.Zero))
        {
            var lower = min is { } bound ? "at least " + Describe(bound) : "more than 0";
            throw new UsageException($"{option} must be {lower} and at most {Describe(max)}.");
        }

        return value;
    }

    public static string Format(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>A bound in the largest whole unit, as it would be typed: <c>7d</c>, <c>12h</c>, <c>15m</c>.</summary>
    private static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0}d"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0}h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0}m"),
    };
}
