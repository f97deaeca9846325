using Cairn.Core.Errors;

namespace Cairn.Core.Cors;

/// <summary>
/// The rules PutBucketCors enforces on a configuration the dialect has read: at most 100 rules, each with at least
/// one origin and one method, only S3's five methods, at most one wildcard per origin and per allowed header, and
/// an ID of at most 255 characters. A refused configuration changes nothing.
/// </summary>
public static class CorsValidation
{
    public const int MaxRules = 100;

    public const int MaxIdLength = 255;

    /// <summary>Returns the configuration when every rule holds; throws the S3 error of the first that does not.</summary>
    public static CorsConfiguration Validate(IReadOnlyList<CorsRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0 || rules.Count > MaxRules)
        {
            throw new CairnException(ErrorCode.MalformedXML,
                $"The XML you provided was not well-formed or did not validate against our published schema: a CORS configuration holds 1 to {MaxRules} rules, not {rules.Count}.");
        }

        foreach (var rule in rules)
        {
            Check(rule);
        }

        return new CorsConfiguration(rules);
    }

    private static void Check(CorsRule rule)
    {
        if (rule.AllowedOrigins.Count == 0 || rule.AllowedMethods.Count == 0)
        {
            throw new CairnException(ErrorCode.MalformedXML,
                "The XML you provided was not well-formed or did not validate against our published schema: each CORSRule needs at least one AllowedOrigin and one AllowedMethod.");
        }

        if (rule.Id is { Length: > MaxIdLength })
        {
            throw new CairnException(ErrorCode.InvalidArgument, $"The ID of a CORS rule cannot be longer than {MaxIdLength} characters.")
            {
                Details = new ErrorDetails { ArgumentName = "ID", ArgumentValue = rule.Id },
            };
        }

        if (rule.AllowedMethods.FirstOrDefault(method => !CorsMethods.Supported.Contains(method)) is { } unsupported)
        {
            throw new CairnException(ErrorCode.InvalidRequest,
                $"Found unsupported HTTP method in CORS config. Unsupported method is {unsupported}");
        }

        RefuseWildcards("AllowedOrigin", rule.AllowedOrigins);
        RefuseWildcards("AllowedHeader", rule.AllowedHeaders);
    }

    private static void RefuseWildcards(string element, IReadOnlyList<string> patterns)
    {
        if (patterns.FirstOrDefault(pattern => CorsPattern.Wildcards(pattern) > 1) is { } pattern)
        {
            throw new CairnException(ErrorCode.InvalidRequest, $"{element} \"{pattern}\" can not have more than one wildcard.");
        }
    }
}
