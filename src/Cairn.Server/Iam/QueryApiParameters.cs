using System.Globalization;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Iam;

/// <summary>
/// The parameters of one query API call (IAM or STS): those of the query string and those of the form body, as the
/// query protocol allows either (clients POST a form; a presigned call carries them in the URL). Names are
/// case-sensitive, as IAM's and STS's are; a name given twice keeps its first value.
/// </summary>
internal sealed class QueryApiParameters
{
    private readonly Dictionary<string, string> _values;

    private QueryApiParameters(Dictionary<string, string> values)
    {
        _values = values;
    }

    public static QueryApiParameters From(RequestTarget target, ReadOnlySpan<byte> formBody)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in target.Query)
        {
            values.TryAdd(parameter.Name, parameter.Value);
        }

        var form = Encoding.UTF8.GetString(formBody);
        foreach (var range in form.AsSpan().Split('&'))
        {
            var pair = form.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = PercentEncoding.DecodeToString(equals < 0 ? pair : pair[..equals], plusIsSpace: true);
            var value = equals < 0 ? string.Empty : PercentEncoding.DecodeToString(pair[(equals + 1)..], plusIsSpace: true);
            values.TryAdd(name, value);
        }

        return new QueryApiParameters(values);
    }

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    /// <summary>The value of a parameter the action cannot do without; ValidationError when it is absent.</summary>
    public string Required(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value null at '{CamelCase(name)}' failed to satisfy constraint: Member must not be null");

    /// <summary>True when any parameter starts with <paramref name="prefix"/> (list members such as "Tags.member.1.Key").</summary>
    public bool HasAnyStartingWith(string prefix) => _values.Keys.Any(name => name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>MaxItems: 1 to 1,000, <paramref name="fallback"/> when absent (IAM's paging rule).</summary>
    public int MaxItems(int fallback)
    {
        const string name = "MaxItems";
        if (Optional(name) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 1000)
        {
            throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value '{text}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }

        return value;
    }

    /// <summary>
    /// An integer parameter within <paramref name="min"/>..<paramref name="max"/> (durations in seconds);
    /// <paramref name="fallback"/> when absent, ValidationError worded as IAM and STS word it otherwise.
    /// </summary>
    public int Integer(string name, int min, int max, int fallback)
    {
        if (Optional(name) is not { } text)
        {
            return fallback;
        }

        var prefix = $"1 validation error detected: Value '{text}' at '{CamelCase(name)}' failed to satisfy constraint: ";
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new CairnException(ErrorCode.ValidationError, prefix + "Member must be an integer");
        }

        return value < min
            ? throw new CairnException(ErrorCode.ValidationError, prefix + $"Member must have value greater than or equal to {min}")
            : value > max
                ? throw new CairnException(ErrorCode.ValidationError, prefix + $"Member must have value less than or equal to {max}")
                : value;
    }

    /// <summary>A "true" or "false" parameter (either case); <paramref name="fallback"/> when absent, ValidationError otherwise.</summary>
    public bool Boolean(string name, bool fallback)
    {
        if (Optional(name) is not { } text)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value '{text}' at '{CamelCase(name)}' failed to satisfy constraint: Member must be a boolean");
    }

    /// <summary>IAM names a parameter in its validation messages with a lower-case first letter ("userName").</summary>
    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
