using Cairn.Core.Authorization;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Core.Operations;
using Cairn.Core.Tagging;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Dialects;
using Cairn.Server.Routing;

namespace Cairn.Server.Pipeline;

/// <summary>Everything the pipeline learned about a request before its handler runs.</summary>
internal sealed record OperationRequest
{
    public required HttpContext Http { get; init; }
    public required string RequestId { get; init; }
    public required IDialect Dialect { get; init; }
    public required ResourcePath Target { get; init; }
    public required Operation Operation { get; init; }
    public required AuthResult Auth { get; init; }

    /// <summary>Asks about the other resources an operation touches (a copy's source, each key of a batch delete).</summary>
    public required Authorizer Authorizer { get; init; }

    /// <summary>The bucket and key the request was authorized on, with whatever the decision read about them.</summary>
    public required ResourceRef Resource { get; init; }

    public HttpRequest Request => Http.Request;
    public HttpResponse Response => Http.Response;
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The bucket named by the request (the router guarantees one for bucket and object operations).</summary>
    public string Bucket => Target.Bucket!;

    /// <summary>The key named by the request (object operations only).</summary>
    public string Key => Target.Key!;

    /// <summary>Owner recorded on what this request creates: the acting user's id.</summary>
    public string Owner => Auth.Principal.UserId ?? string.Empty;

    /// <summary>AccessDenied unless this request's principal may also perform <paramref name="operation"/> on bucket/key.</summary>
    public Task<ResourceRef> RequireAccessAsync(Operation operation, string bucket, string? key) =>
        Authorizer.RequireAsync(Http, Auth, operation, bucket, key, Aborted);

    /// <summary>
    /// A write that gives the object tags (PutObject, CreateMultipartUpload, CopyObject) needs s3:PutObjectTagging as
    /// well as its own permission, as AWS asks (docs/tagging.md "Rules"); nothing more when it gives none.
    /// </summary>
    public async Task RequireTagWriteAsync(TagSet tags)
    {
        if (!tags.IsEmpty)
        {
            await RequireAccessAsync(Operation.PutObjectTagging, Bucket, Key);
        }
    }

    /// <summary>
    /// The named object: the record the authorization read, if it read one, else read now; null when the key does
    /// not exist (NoSuchBucket when the bucket does not).
    /// </summary>
    public async Task<ObjectRecord?> ObjectAsync(ObjectService objects) =>
        await Resource.ObjectAsync(Aborted) ?? await objects.GetInfoAsync(Bucket, Key, Aborted);

    /// <summary>
    /// The request once an operation that authenticates itself from its body (a form upload) has verified who it
    /// acts as and been authorized for <paramref name="resource"/>: everything after uses that principal.
    /// </summary>
    public OperationRequest AuthenticatedAs(AuthResult auth, ResourceRef resource) => this with { Auth = auth, Resource = resource };

    /// <summary>The payload stream: aws-chunked decoded and signature-checked as it is read.</summary>
    public Stream OpenBody() => Auth.WrapBody(Request.Body);
}
