using System.Globalization;
using System.Text.Json;
using Cairn.Core.Errors;

namespace Cairn.Core.PostPolicies;

/// <summary>
/// The policy document of a browser form upload: when it expires and the conditions every form it signs must meet
/// (docs/s3-compatibility.md "POST Object"). <see cref="Parse"/> refuses a document that breaks the grammar
/// (InvalidPolicyDocument); <see cref="Check"/> refuses a form that breaks the policy (AccessDenied, naming the
/// expiry, the failed condition or the uncovered field).
/// </summary>
public sealed class PostPolicy
{
    private const string Refusal = "Invalid according to Policy: ";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 8 };

    private PostPolicy(DateTimeOffset expiration, IReadOnlyList<PostPolicyCondition> conditions)
    {
        Expiration = expiration;
        Conditions = conditions;
    }

    public DateTimeOffset Expiration { get; }

    public IReadOnlyList<PostPolicyCondition> Conditions { get; }

    /// <summary>The size bounds the file must respect; null when the policy sets none (the last one counts).</summary>
    public ContentLengthRange? LengthRange =>
        Conditions.LastOrDefault(c => c.Kind == PostConditionKind.ContentLengthRange) is { } range
            ? new ContentLengthRange(range.Min, range.Max)
            : null;

    /// <summary>Reads the base64 policy field as sent.</summary>
    /// <param name="base64">The policy field.</param>
    /// <param name="allowsStartsWith">Whether a starts-with condition may name a field (the dialect's rule: fields whose
    /// value is fixed by what the form is for allow only an exact match).</param>
    public static PostPolicy Parse(string base64, Func<string, bool> allowsStartsWith)
    {
        ArgumentNullException.ThrowIfNull(base64);
        ArgumentNullException.ThrowIfNull(allowsStartsWith);
        byte[] json;
        try
        {
            json = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw Invalid("the policy is not valid base64.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException)
        {
            throw Invalid("the policy is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the policy must be a JSON object.");
            }

            if (!root.TryGetProperty("expiration", out var expiration))
            {
                throw Invalid("Policy missing expiration.");
            }

            if (!root.TryGetProperty("conditions", out var conditions))
            {
                throw Invalid("Policy missing conditions.");
            }

            if (conditions.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("conditions must be an array.");
            }

            return new PostPolicy(ReadExpiration(expiration), conditions.EnumerateArray().Select(c => ReadCondition(c, allowsStartsWith)).ToList());
        }
    }

    /// <summary>
    /// Throws AccessDenied unless the form meets the policy at <paramref name="now"/>: not expired, every condition
    /// satisfied by <paramref name="values"/> (the form's fields, with the bucket and the final key), and every field
    /// in <paramref name="covered"/> named by some condition.
    /// </summary>
    /// <param name="values">Field values by name, names compared ignoring case.</param>
    /// <param name="covered">The submitted fields a condition must name (the dialect leaves out the policy, the
    /// signature and the fields it exempts).</param>
    /// <param name="now">The server's time.</param>
    public void Check(IReadOnlyDictionary<string, string> values, IEnumerable<string> covered, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(covered);
        if (now > Expiration)
        {
            throw new CairnException(ErrorCode.AccessDenied, Refusal + "Policy expired.");
        }

        foreach (var condition in Conditions)
        {
            if (condition.Kind != PostConditionKind.ContentLengthRange
                && !condition.IsSatisfiedBy(values.TryGetValue(condition.Field, out var value) ? value : string.Empty))
            {
                throw new CairnException(ErrorCode.AccessDenied, Refusal + "Policy Condition failed: " + condition);
            }
        }

        foreach (var name in covered)
        {
            if (!Conditions.Any(c => c.Names(name)))
            {
                throw new CairnException(ErrorCode.AccessDenied, Refusal + "Extra input fields: " + name);
            }
        }
    }

    private static DateTimeOffset ReadExpiration(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expiration)
            && element.GetString()!.Contains('T', StringComparison.Ordinal))
        {
            return expiration;
        }

        throw Invalid("Invalid expiration: it must be an ISO 8601 date and time such as 2024-05-01T12:00:00.000Z.");
    }

    private static PostPolicyCondition ReadCondition(JsonElement element, Func<string, bool> allowsStartsWith) => element.ValueKind switch
    {
        JsonValueKind.Object => ReadObjectCondition(element),
        JsonValueKind.Array => ReadArrayCondition(element, allowsStartsWith),
        _ => throw Invalid("a condition must be an object or an array."),
    };

    /// <summary><c>{"field": "value"}</c>: one field, one exact value.</summary>
    private static PostPolicyCondition ReadObjectCondition(JsonElement element)
    {
        var properties = element.EnumerateObject().ToList();
        if (properties.Count != 1 || properties[0].Value.ValueKind != JsonValueKind.String)
        {
            throw Invalid("a condition object must name exactly one field with a string value.");
        }

        var name = properties[0].Name.TrimStart('$');
        return PostPolicyCondition.Equal(name, properties[0].Value.GetString()!);
    }

    private static PostPolicyCondition ReadArrayCondition(JsonElement element, Func<string, bool> allowsStartsWith)
    {
        var items = element.EnumerateArray().ToList();
        if (items.Count != 3 || items[0].ValueKind != JsonValueKind.String)
        {
            throw Invalid("a condition array must have three elements, the first naming its operator.");
        }

        var operation = items[0].GetString()!;
        if (operation.Equals("content-length-range", StringComparison.OrdinalIgnoreCase))
        {
            var (min, max) = (ReadLength(items[1]), ReadLength(items[2]));
            return min <= max
                ? PostPolicyCondition.LengthRange(min, max)
                : throw Invalid("content-length-range: the minimum is larger than the maximum.");
        }

        if (items[1].ValueKind != JsonValueKind.String || items[2].ValueKind != JsonValueKind.String
            || items[1].GetString() is not ['$', .. var field] || field.Length == 0)
        {
            throw Invalid($"the {operation} condition must name a field as \"$field\" and give a string value.");
        }

        var value = items[2].GetString()!;
        if (operation.Equals("eq", StringComparison.OrdinalIgnoreCase))
        {
            return PostPolicyCondition.Equal(field, value);
        }

        if (operation.Equals("starts-with", StringComparison.OrdinalIgnoreCase))
        {
            return allowsStartsWith(field)
                ? PostPolicyCondition.StartsWith(field, value)
                : throw Invalid($"the starts-with condition cannot be used with ${field}.");
        }

        throw Invalid($"unknown condition operator '{operation}'.");
    }

    /// <summary>A content-length-range bound: a non-negative integer, as a number or a string of digits.</summary>
    private static long ReadLength(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) && number >= 0)
        {
            return number;
        }

        if (element.ValueKind == JsonValueKind.String
            && long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Invalid("content-length-range bounds must be non-negative integers.");
    }

    private static CairnException Invalid(string reason) =>
        new(ErrorCode.InvalidPolicyDocument, "Invalid Policy: " + reason);
}
