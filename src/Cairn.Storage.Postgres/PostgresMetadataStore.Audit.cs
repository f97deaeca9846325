using Cairn.Core.Ports;
using Cairn.Storage.Stored;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>What verify reads: referenced blobs in pages, their referencing rows, and the garbage queue (<see cref="AuditQueries"/>).</summary>
public sealed partial class PostgresMetadataStore : IStoreAudit
{
    public Task<IReadOnlyList<string>> ListReferencedBlobsAsync(string? afterBlobId, int max, CancellationToken cancellationToken) =>
        max <= 0
            ? Task.FromResult<IReadOnlyList<string>>([])
            : ReadAsync<IReadOnlyList<string>>(async connection => await QueryAsync(connection, null, AuditQueries.ReferencedBlobs("$1", "$2"),
                reader => reader.GetString(0), cancellationToken, Nul.Cut(afterBlobId) ?? string.Empty, max), cancellationToken);

    public Task<IReadOnlyList<BlobReference>> FindBlobReferencesAsync(string blobId, CancellationToken cancellationToken) =>
        Nul.In(blobId)
            ? Task.FromResult<IReadOnlyList<BlobReference>>([])
            : ReadAsync<IReadOnlyList<BlobReference>>(async connection => await QueryAsync(connection, null, AuditQueries.References("$1"),
                reader => AuditQueries.Reference(reader, blobId), cancellationToken, blobId), cancellationToken);

    public Task<bool> IsQueuedAsync(string blobId, CancellationToken cancellationToken) =>
        Nul.In(blobId)
            ? Task.FromResult(false)
            : ReadAsync(async connection => await ScalarAsync(connection, null, AuditQueries.Queued("$1"), cancellationToken, blobId) is not null,
                cancellationToken);
}
