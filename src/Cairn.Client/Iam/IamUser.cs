namespace Cairn.Client.Iam;

/// <summary>A user as the admin API describes it.</summary>
public sealed record IamUser(string UserName, string UserId, string Arn, DateTimeOffset CreateDate);
