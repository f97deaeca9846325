namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// The values a request offers to conditions and policy variables: its condition keys (looked up ignoring case),
/// plus the keys that follow from the caller alone (aws:username, aws:userid) when the request does not carry them.
/// Built once per evaluation and shared by every statement.
/// </summary>
internal sealed class PolicyContext
{
    private const string UserNameKey = "aws:username";
    private const string UserIdKey = "aws:userid";

    private readonly Dictionary<string, IReadOnlyList<string>> _conditions;

    public PolicyContext(PolicyRequest request)
    {
        Request = request;
        _conditions = request.Conditions is Dictionary<string, IReadOnlyList<string>> { Comparer: var comparer } dictionary
            && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase)
                ? dictionary
                : new Dictionary<string, IReadOnlyList<string>>(request.Conditions, StringComparer.OrdinalIgnoreCase);
    }

    public PolicyRequest Request { get; }

    /// <summary>The values of <paramref name="key"/>; false when the request has none (the key is absent).</summary>
    public bool TryGetValues(string key, out IReadOnlyList<string> values)
    {
        if (_conditions.TryGetValue(key, out var found) && found.Count > 0)
        {
            values = found;
            return true;
        }

        var derived = CallerValue(key);
        values = derived is null ? [] : [derived];
        return derived is not null;
    }

    /// <summary>The one value of a single-valued key (what a policy variable stands for); null when absent or several.</summary>
    public string? SingleValue(string key) => TryGetValues(key, out var values) && values.Count == 1 ? values[0] : null;

    private string? CallerValue(string key)
    {
        var caller = Request.Caller;
        if (string.Equals(key, UserNameKey, StringComparison.OrdinalIgnoreCase))
        {
            return caller.UserName;
        }

        return string.Equals(key, UserIdKey, StringComparison.OrdinalIgnoreCase) ? caller.UserId : null;
    }
}
