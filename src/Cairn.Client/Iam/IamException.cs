using System.Net;

namespace Cairn.Client.Iam;

/// <summary>An error the admin API answered: IAM's error code (NoSuchEntity, EntityAlreadyExists...) and message.</summary>
public sealed class IamException(HttpStatusCode status, string code, string message, string? requestId)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;

    public string? RequestId { get; } = requestId;
}
