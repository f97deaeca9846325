namespace Cairn.Core.Authorization;

/// <summary>
/// The ARNs policies speak of. Cairn is one account: user ARNs carry <see cref="AccountId"/>, bucket and object ARNs
/// carry no account, as in S3.
/// </summary>
public static class Arns
{
    /// <summary>The one account id every user ARN carries.</summary>
    public const string AccountId = "000000000000";

    public static string Bucket(string bucket) => "arn:aws:s3:::" + bucket;

    public static string ObjectKey(string bucket, string key) => "arn:aws:s3:::" + bucket + "/" + key;

    public static string User(string userName) => $"arn:aws:iam::{AccountId}:user/{userName}";
}
