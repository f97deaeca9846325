using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Postgres;

/// <summary>Listing objects.</summary>
public sealed partial class PostgresMetadataStore
{
    public Task<ObjectPage> ListObjectsAsync(
        string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
