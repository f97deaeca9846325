namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// The resources a Resource (or NotResource) element names: "*" or an S3 or IAM ARN, with '*' and '?' wildcards
/// matched case-sensitively, and policy variables in 2012-10-17 documents. A value whose variable the request lacks
/// matches nothing.
/// </summary>
internal sealed class ResourceSet
{
    private const string S3Prefix = "arn:aws:s3:::";
    private const string IamPrefix = "arn:aws:iam::";

    private ResourceSet(IReadOnlyList<PolicyTemplate> values)
    {
        Values = values;
    }

    /// <summary>The values as written (the server checks that a bucket policy names only its own bucket).</summary>
    public IReadOnlyList<PolicyTemplate> Values { get; }

    public static ResourceSet Parse(IReadOnlyList<string> values, bool variables, string what)
    {
        foreach (var value in values)
        {
            if (value != "*" && !value.StartsWith(S3Prefix, StringComparison.Ordinal) && !value.StartsWith(IamPrefix, StringComparison.Ordinal))
            {
                throw new MalformedPolicyException($"Policy has invalid resource: {what} names \"{value}\".");
            }
        }

        return new ResourceSet([.. values.Select(v => PolicyTemplate.Parse(v, variables))]);
    }

    /// <summary>True, false, or null when a value naming a variable the request lacks decides nothing else.</summary>
    public bool? Contains(PolicyContext context)
    {
        var missing = false;
        foreach (var template in Values)
        {
            var pattern = template.Resolve(context);
            if (pattern is null)
            {
                missing = true;
            }
            else if (pattern.Matches(context.Request.Resource, ignoreCase: false))
            {
                return true;
            }
        }

        return missing ? null : false;
    }
}
