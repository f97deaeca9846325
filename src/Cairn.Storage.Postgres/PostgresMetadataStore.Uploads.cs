using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;

namespace Cairn.Storage.Postgres;

/// <summary>Multipart uploads, their parts, and completion.</summary>
public sealed partial class PostgresMetadataStore : IUploadStore
{
    public Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<UploadWithParts?> GetUploadWithPartsAsync(string uploadId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task PutPartAsync(PartRecord part, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<PartPage?> ListPartsAsync(string uploadId, int afterPartNumber, int maxParts, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<UploadPage> ListUploadsAsync(string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> AbortUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<CompleteOutcome> CompleteUploadAsync(UploadCompletion completion, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
