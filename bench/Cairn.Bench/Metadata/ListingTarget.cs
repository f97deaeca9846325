using Cairn.Bench.Http;
using Cairn.Bench.Measure;

namespace Cairn.Bench.Metadata;

/// <summary>
/// What scenario 5 lists on: the nodes serving the seeded bucket (pages go to each in turn), the meter of their CPU,
/// the floor of a page in their database, and how to let go of it all (a server started for the listing is stopped and
/// its data dir removed).
/// </summary>
internal sealed class ListingTarget(IReadOnlyList<RawS3Client> nodes, CpuMeter meter, IListingFloor floor, Func<ValueTask> release) : IAsyncDisposable
{
    public IReadOnlyList<RawS3Client> Nodes => nodes;

    public CpuMeter Meter => meter;

    public IListingFloor Floor => floor;

    /// <summary>Seconds from starting a server on the seeded data until it listened; null when the listing runs on the nodes run.sh started.</summary>
    public double? StartSeconds { get; init; }

    public async ValueTask DisposeAsync()
    {
        floor.Dispose();
        await release();
    }
}
