using Cairn.Bench.Data;
using Cairn.Bench.Http;
using Cairn.Bench.Measure;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// The small-object workload, shared by scenario 4 (against Cairn) and the bare-Kestrel limit: PUT new keys for one
/// phase, GET and HEAD random written keys for one phase each, then DELETE every written key. With several nodes,
/// request number i goes to node i mod n, so the load is split evenly and most reads find a key another node wrote.
/// </summary>
internal static class SmallOpsWorkload
{
    public static readonly string[] Operations = ["PUT", "GET", "HEAD", "DELETE"];

    /// <summary>
    /// A short unrecorded round (0.3 s a phase) so the server's code is jitted before the first measured phase, run at
    /// the highest concurrency measured: the HTTP connections, and on PostgreSQL the servers' database connections
    /// (a process each, with cold caches), are then open before any phase is timed.
    /// </summary>
    public static Task WarmUpAsync(
        IReadOnlyList<RawS3Client> nodes, string bucket, int concurrency, long objectSize, CpuMeter meter, CancellationToken cancellationToken) =>
        RunAsync(nodes, bucket, "warm-up", concurrency, objectSize, TimeSpan.FromSeconds(0.3), meter, cancellationToken);

    public static async Task<Dictionary<string, LoadResult>> RunAsync(
        IReadOnlyList<RawS3Client> nodes, string bucket, string keyPrefix, int concurrency, long objectSize, TimeSpan phase, CpuMeter meter,
        CancellationToken cancellationToken)
    {
        string Key(long i) => $"{keyPrefix}/{i:D8}";
        RawS3Client Node(long i) => nodes[(int)(i % nodes.Count)];
        var results = new Dictionary<string, LoadResult>
        {
            ["PUT"] = await LoadRunner.RunAsync(concurrency, phase, 10_000_000, meter,
                (i, ct) => Node(i).PutObjectAsync(bucket, Key(i), new PatternContent(objectSize, i), ct), cancellationToken),
        };

        // Every index taken was attempted, so keys 0..written-1 exist (except failed ones, counted as errors below).
        var written = results["PUT"].Operations + results["PUT"].Errors;
        if (written == 0)
        {
            return results;
        }

        // A multiplicative spread visits the keys in a scattered order rather than in insertion order.
        long Scatter(long i) => (i * 2_654_435_761L) % written;
        results["GET"] = await LoadRunner.RunAsync(concurrency, phase, null, meter,
            (i, ct) => Node(i).GetObjectAsync(bucket, Key(Scatter(i)), ct), cancellationToken);
        results["HEAD"] = await LoadRunner.RunAsync(concurrency, phase, null, meter,
            (i, ct) => Node(i).HeadObjectAsync(bucket, Key(Scatter(i)), ct), cancellationToken);
        results["DELETE"] = await LoadRunner.RunAsync(concurrency, null, written, meter,
            (i, ct) => Node(i).DeleteObjectAsync(bucket, Key(i), ct), cancellationToken);
        return results;
    }
}
