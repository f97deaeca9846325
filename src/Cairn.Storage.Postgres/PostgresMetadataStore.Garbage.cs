using Cairn.Core.Ports;

namespace Cairn.Storage.Postgres;

/// <summary>The garbage queue and the collector's claims.</summary>
public sealed partial class PostgresMetadataStore : IGarbageStore
{
    public Task<IReadOnlyList<string>> GetGarbageAsync(TimeSpan minAge, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<string>> DoomAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task RemoveGarbageAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
