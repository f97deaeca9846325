using Cairn.Core.Ports;
using Cairn.Storage.Stored;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>What verify reads: referenced blobs in pages, their referencing rows, and the garbage queue (<see cref="AuditQueries"/>).</summary>
public sealed partial class SqliteMetadataStore : IStoreAudit
{
    public Task<IReadOnlyList<string>> ListReferencedBlobsAsync(string? afterBlobId, int max, CancellationToken cancellationToken) =>
        max <= 0
            ? Task.FromResult<IReadOnlyList<string>>([])
            : ReadAsync<IReadOnlyList<string>>(async connection => await QueryAsync(connection, null, AuditQueries.ReferencedBlobs("$a", "$m"),
                reader => reader.GetString(0), cancellationToken, ("$a", afterBlobId ?? string.Empty), ("$m", max)), cancellationToken);

    public Task<IReadOnlyList<BlobReference>> FindBlobReferencesAsync(string blobId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<BlobReference>>(async connection => await QueryAsync(connection, null, AuditQueries.References("$id"),
            reader => AuditQueries.Reference(reader, blobId), cancellationToken, ("$id", blobId)), cancellationToken);

    public Task<bool> IsQueuedAsync(string blobId, CancellationToken cancellationToken) =>
        ReadAsync(async connection => await ScalarAsync(connection, AuditQueries.Queued("$id"), cancellationToken, ("$id", blobId)) is not null,
            cancellationToken);
}
