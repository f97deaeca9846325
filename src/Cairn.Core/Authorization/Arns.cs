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

    /// <summary>The account's own ARN: the root user as ARNs name it (GetCallerIdentity's answer), and a principal for the whole account.</summary>
    public const string AccountRoot = "arn:aws:iam::" + AccountId + ":root";

    public static string Role(string roleName) => $"arn:aws:iam::{AccountId}:role/{roleName}";

    /// <summary>The ARN a session of a role acts as (what GetCallerIdentity returns and policies may name).</summary>
    public static string AssumedRole(string roleName, string sessionName) =>
        $"arn:aws:sts::{AccountId}:assumed-role/{roleName}/{sessionName}";

    /// <summary>The ARN a federated session (GetFederationToken) acts as.</summary>
    public static string FederatedUser(string name) => $"arn:aws:sts::{AccountId}:federated-user/{name}";
}
