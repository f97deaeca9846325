namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// One question put to a policy: may <see cref="Caller"/> perform <see cref="Action"/> on <see cref="Resource"/>,
/// given the request's condition keys. Condition keys are matched case-insensitively; each has one or more values
/// (a key the request does not have is absent, which the Null and ...IfExists operators see).
/// </summary>
public sealed record PolicyRequest
{
    /// <summary>The action asked for, e.g. "s3:GetObject" or "iam:CreateUser".</summary>
    public required string Action { get; init; }

    /// <summary>The resource ARN, e.g. "arn:aws:s3:::bucket/key" (<see cref="Arns"/>).</summary>
    public required string Resource { get; init; }

    public required PolicyCaller Caller { get; init; }

    /// <summary>Condition keys and their values (aws:SourceIp, s3:prefix...), keys compared ignoring case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Conditions { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
}
