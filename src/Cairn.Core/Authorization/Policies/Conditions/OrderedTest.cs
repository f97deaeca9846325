using System.Globalization;

namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>
/// Numeric and Date values: the request value is parsed the same way as the policy value and compared; one that
/// does not parse matches nothing. Dates are ISO 8601 (UTC unless they say otherwise) or seconds since 1970.
/// </summary>
internal sealed class OrderedTest<T>(T value, Comparison comparison, Func<string, T?> parse) : IValueTest
    where T : struct, IComparable<T>
{
    public bool? Matches(string requestValue, PolicyContext context)
    {
        if (parse(requestValue) is not { } actual)
        {
            return false;
        }

        var order = actual.CompareTo(value);
        return comparison switch
        {
            Comparison.LessThan => order < 0,
            Comparison.LessThanOrEqual => order <= 0,
            Comparison.GreaterThan => order > 0,
            Comparison.GreaterThanOrEqual => order >= 0,
            _ => order == 0,
        };
    }
}

/// <summary>How Numeric and Date condition values are read, for policy and request values alike.</summary>
internal static class OrderedValues
{
    public static decimal? ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static DateTimeOffset? ParseDate(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds is >= -62135596800 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }
}
