namespace Cairn.Server.Iam;

/// <summary>
/// One AWS query API Cairn answers on its S3 endpoint: the service its credential scopes name (which is also the
/// prefix of its actions in policies and metrics, "iam:CreateUser"), the namespace of its documents, and how logs
/// call it.
/// </summary>
internal sealed record QueryApiService(string Name, string Namespace, string Title);
