namespace Cairn.Bench.Metadata;

/// <summary>
/// The metadata database of the Cairn under test, reached directly, never over HTTP: the SQLite file in the data
/// directory, or the PostgreSQL database the nodes were given with --metadata. Scenario 3 reads its garbage queue and
/// measures the floor of a Complete on it; scenario 5 seeds its keys into it and measures the floor of a page on it.
/// </summary>
internal interface IMetadataUnderTest : IDisposable
{
    /// <summary>"SQLite" or "PostgreSQL": the setup's name and its floors' name in the table.</summary>
    string Name { get; }

    /// <summary>
    /// Blobs queued for collection right now: a collector pass deleting them competes with a Complete for the
    /// database and the disk, so a slow Complete with a long queue is likely a collision. Null when unreadable.
    /// </summary>
    Task<long?> QueuedGarbageAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Seconds of the same row work as a Complete of <paramref name="parts"/> parts (read the part rows, delete them,
    /// insert the object and one segment per part, one durable commit) on tables made from the server's own schema,
    /// fastest of a few runs; null when the schema cannot be read or has changed shape.
    /// </summary>
    Task<double?> CompleteFloorAsync(BenchContext context, int parts, CancellationToken cancellationToken);

    /// <summary>The listing bucket with <paramref name="keys"/> keys, and the nodes that serve it.</summary>
    Task<ListingTarget> PrepareListingAsync(BenchContext context, int keys, CancellationToken cancellationToken);
}
