using Cairn.Core.Errors;
using Cairn.Server.Errors;

namespace Cairn.Server.Dialects;

/// <summary>
/// What differs between the S3 and OSS dialects of the same operations: header prefixes, the error body,
/// the request-id header. Handlers ask the dialect instead of using literals.
/// </summary>
internal interface IDialect
{
    /// <summary>Prefix of user metadata headers ("x-amz-meta-").</summary>
    string MetadataPrefix { get; }

    /// <summary>Header that carries the request id ("x-amz-request-id").</summary>
    string RequestIdHeader { get; }

    /// <summary>
    /// Writes the error document (the caller has set the status): the failure's typed details in the dialect's
    /// element names, then the extra elements the protocol layer named itself.
    /// </summary>
    Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string resource, string requestId,
        ErrorDetails? details, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken);
}
