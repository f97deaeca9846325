namespace Cairn.Core.Ports;

/// <summary>
/// What an operator watches of the metadata store, kept apart from the store's data port so that monitoring never
/// widens it: whether the store answers at all (readiness) and how much work is pending in it (metrics).
/// </summary>
public interface IStoreStatistics
{
    /// <summary>Runs a trivial query against the store; throws when the store cannot answer.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Counts of pending work, read from the last committed state.</summary>
    Task<StoreStatistics> ReadAsync(CancellationToken cancellationToken);
}
