using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects;

/// <summary>
/// One wire protocol for the same operations (S3, OSS): everything a request and its response spell.
/// A dialect recognises its requests, routes them to an operation, authenticates them, parses each operation's
/// input into a neutral record and renders its result, its errors and its request id. Handlers work on the records
/// only, so a new dialect is a new set of files under <c>Dialects/</c> (docs/dialects.md).
/// </summary>
internal interface IDialect
{
    /// <summary>How strongly the request carries this dialect's marks; the selector picks the strongest.</summary>
    DialectMatch Match(HttpRequest request);

    /// <summary>
    /// The bucket and key a request names: from its raw target and, in virtual-hosted style, from its Host under one
    /// of the base domains this dialect knows.
    /// </summary>
    ResourcePath Locate(string rawTarget, string? host);

    /// <summary>Decides the operation a request names.</summary>
    IRequestRouter Router { get; }

    /// <summary>
    /// Verifies whatever signature the request carries in this dialect's scheme(s); anonymous when it carries none.
    /// Throws CairnException when a signature is present and wrong.
    /// </summary>
    Task<AuthResult> AuthenticateAsync(HttpRequest request, ResourcePath target, CancellationToken cancellationToken);

    /// <summary>Refuses (501) a request whose headers ask for a feature Cairn does not have.</summary>
    void RefuseUnsupported(HttpRequest request);

    /// <summary>Prefix of user metadata headers ("x-amz-meta-").</summary>
    string MetadataPrefix { get; }

    /// <summary>The request-id header(s) every response carries, errors included.</summary>
    void WriteRequestId(HttpResponse response, string requestId);

    /// <summary>
    /// The code, status and default message this dialect answers a failure with. Most come from the shared
    /// <see cref="ErrorCatalogue"/>; a dialect spells some failures its own way (OSS: FileAlreadyExists for a write
    /// refused by x-oss-forbid-overwrite, InvalidObjectName for a bad key).
    /// </summary>
    ErrorEntry DescribeError(CairnException error, HttpRequest request);

    /// <summary>
    /// Writes the error document (the caller has set the status): the failure's typed details in the dialect's
    /// element names, then the extra elements the protocol layer named itself. A HEAD answer carries no body: for one,
    /// the dialect writes only what its protocol sends in headers.
    /// </summary>
    Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string resource, string requestId,
        ErrorDetails? details, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken);

    /// <summary>Bucket operations' inputs and results.</summary>
    IBucketCodec Buckets { get; }

    /// <summary>Whole-object operations' inputs and results (put, get, head, delete, copy, attributes, batch delete).</summary>
    IObjectCodec Objects { get; }

    /// <summary>Multipart uploads' inputs and results, listings of uploads and parts included.</summary>
    IMultipartCodec Multipart { get; }

    /// <summary>Object listings' inputs and results.</summary>
    IListingCodec Listing { get; }

    /// <summary>Bucket policy documents and the policy status.</summary>
    IPolicyCodec Policies { get; }

    /// <summary>ACLs, Object Ownership and the public access block.</summary>
    IAccessControlCodec Access { get; }

    /// <summary>Object and bucket tag documents (docs/tagging.md).</summary>
    ITaggingCodec Tagging { get; }

    /// <summary>Lifecycle configurations and the deadline headers they give objects and uploads.</summary>
    ILifecycleCodec Lifecycle { get; }
}
