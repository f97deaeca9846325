using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>Builds the documents and requests the policy tests share.</summary>
internal static class Policies
{
    public const string Alice = "alice";
    public const string AliceId = "0123456789abcdef0123456789abcdef";
    public static readonly PolicyCaller AliceCaller = new(AliceId, Alice);
    public static readonly PolicyCaller BobCaller = new("fedcba9876543210fedcba9876543210", "bob");

    /// <summary>A user policy of one statement; <paramref name="statement"/> is the statement object's JSON.</summary>
    public static PolicyDocument User(string statement, string version = "2012-10-17") =>
        PolicyDocument.Parse($$"""{"Version":"{{version}}","Statement":[{{statement}}]}""", PolicyKind.User);

    /// <summary>A bucket policy of one statement.</summary>
    public static PolicyDocument Bucket(string statement) =>
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Bucket);

    /// <summary>An Allow of s3:GetObject on everything, conditioned by <paramref name="condition"/> (a Condition object's JSON).</summary>
    public static PolicyDocument WithCondition(string condition) =>
        User($$"""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{condition}}}""");

    public static PolicyRequest Request(
        string action = "s3:GetObject", string resource = "arn:aws:s3:::b/k", PolicyCaller? caller = null,
        params (string Key, string[] Values)[] conditions) => new()
        {
            Action = action,
            Resource = resource,
            Caller = caller ?? AliceCaller,
            Conditions = conditions.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Values, StringComparer.OrdinalIgnoreCase),
        };

    /// <summary>The request with one condition key and its values.</summary>
    public static PolicyRequest With(string key, params string[] values) => Request(conditions: [(key, values)]);

    public static string ObjectArn(string bucket, string key) => Arns.ObjectKey(bucket, key);
}
