using Cairn.Core.Ports;

namespace Cairn.Storage.Postgres;

/// <summary>What verify reads: referenced blobs in pages, their referencing rows, and the garbage queue.</summary>
public sealed partial class PostgresMetadataStore : IStoreAudit
{
    public Task<IReadOnlyList<string>> ListReferencedBlobsAsync(string? afterBlobId, int max, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<BlobReference>> FindBlobReferencesAsync(string blobId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<bool> IsQueuedAsync(string blobId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
