namespace Cairn.Client.Iam;

/// <summary>An access key as the admin API describes it; <see cref="SecretAccessKey"/> only in CreateAccessKey's answer.</summary>
public sealed record IamAccessKey(string UserName, string AccessKeyId, string Status, DateTimeOffset CreateDate, string? SecretAccessKey = null)
{
    /// <summary>Everything but the secret.</summary>
    public override string ToString() => $"IamAccessKey {{ UserName = {UserName}, AccessKeyId = {AccessKeyId}, Status = {Status} }}";
}
