using System.Diagnostics.Metrics;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// The storage layer's measurements, published through <see cref="System.Diagnostics.Metrics"/> so that Storage
/// depends on no exporter: whoever hosts it listens to the <see cref="MeterName"/> meter and exports what it wants.
/// </summary>
public static class StorageMetrics
{
    /// <summary>Name of the meter every storage instrument belongs to.</summary>
    public const string MeterName = "Cairn.Storage";

    /// <summary>Name of the histogram of works committed per group-commit transaction (exporters prefix the meter name).</summary>
    public const string GroupCommitBatchSizeName = "group_commit_batch_size";

    private static readonly Meter Source = new(MeterName);

    /// <summary>
    /// Works per committed transaction of <see cref="GroupCommitWriter"/>: near 1 means writers rarely overlap,
    /// larger batches mean the fsync is being shared (and each caller waited for the others' work).
    /// </summary>
    internal static readonly Histogram<int> GroupCommitBatchSize = Source.CreateHistogram<int>(
        GroupCommitBatchSizeName, description: "Writes committed together in one metadata transaction (group commit).");
}
