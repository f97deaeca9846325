namespace Cairn.Core.Ports;

/// <summary>
/// Named leases in the metadata store, so that work that should run on one node at a time (a full sweep of the
/// blob directory) runs on one node at a time, whichever nodes share the store. A lease is held until it expires
/// or its holder releases it; a holder keeps it by taking it again before it expires. Expiry is reckoned on the
/// store's clock, so a holder must renew well within the duration.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="holder"/> until <paramref name="duration"/> from now,
    /// in one transaction: true when it was free, expired, or already held by <paramref name="holder"/> (then renewed);
    /// false, changing nothing, while another holder has it.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if <paramref name="holder"/> has it; otherwise does nothing.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken);
}
