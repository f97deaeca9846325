namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>String and Bool values: exact (optionally ignoring case) or with '*' and '?' wildcards (StringLike).</summary>
internal sealed class StringTest(PolicyTemplate value, bool like, bool ignoreCase) : IValueTest
{
    public bool? Matches(string requestValue, PolicyContext context)
    {
        var pattern = value.Resolve(context);
        if (pattern is null)
        {
            return null;
        }

        return like
            ? pattern.Matches(requestValue, ignoreCase)
            : string.Equals(pattern.Text, requestValue, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
