using Cairn.Core.Model;

namespace Cairn.Storage.Postgres;

/// <summary>Listing objects.</summary>
public sealed partial class PostgresMetadataStore
{
    /// <summary>One page, read in one REPEATABLE READ snapshot however many queries it takes.</summary>
    public Task<ObjectPage> ListObjectsAsync(
        string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken) =>
        Nul.In(prefix)
            ? Task.FromResult(new ObjectPage([], [], false, null))
            : SnapshotAsync(tx => ObjectListing.ListAsync(tx, bucket, prefix, Nul.Delimiter(delimiter), Nul.Cut(after), maxKeys, cancellationToken), cancellationToken);
}
