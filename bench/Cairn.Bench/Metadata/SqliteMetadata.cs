using System.Diagnostics;
using Cairn.Bench.Limits;
using Cairn.Bench.Measure;
using Cairn.Bench.Scenarios;
using Cairn.Bench.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cairn.Bench.Metadata;

/// <summary>
/// The embedded store: cairn.db in the data directory of the one node. Its floors run on scratch databases made from
/// the server's own CREATE statements; the listing runs on a Cairn started on a seeded copy of a data dir.
/// </summary>
internal sealed class SqliteMetadata(string dataDirectory) : IMetadataUnderTest
{
    private ServerSchema? _schema;
    private string? _probes;

    public string Name => "SQLite";

    private string DatabasePath => Path.Combine(dataDirectory, "cairn.db");

    public Task<long?> QueuedGarbageAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = ServerSchema.OpenReadOnly(DatabasePath);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM garbage";
            return Task.FromResult((long?)command.ExecuteScalar());
        }
        catch (SqliteException)
        {
            return Task.FromResult<long?>(null);
        }
    }

    public Task<double?> CompleteFloorAsync(BenchContext context, int parts, CancellationToken cancellationToken)
    {
        if (_schema is null)
        {
            try
            {
                _schema = ServerSchema.Read(DatabasePath);
            }
            catch (Exception e) when (e is SqliteException or IOException)
            {
                context.Report.Warn($"3. could not read the server's schema ({e.Message}); no SQLite floor.");
                return Task.FromResult<double?>(null);
            }
        }

        _probes ??= context.WorkPath("complete-probes");
        return Task.Run(() => SqliteProbes.CompleteFloor(_schema, _probes, parts, 3), cancellationToken);
    }

    public async Task<ListingTarget> PrepareListingAsync(BenchContext context, int keys, CancellationToken cancellationToken)
    {
        var data = await SqliteListingSeeder.PrepareAsync(context, keys, cancellationToken);
        context.Progress($"5. starting Cairn on the seeded {keys:N0}-key data dir");
        var clock = Stopwatch.StartNew();
        var server = await context.StartCairnAsync(data, cancellationToken);
        var startSeconds = clock.Elapsed.TotalSeconds;
        return new ListingTarget([context.ClientFor(server.BaseAddress)], new CpuMeter([server.Pid]),
            new SqliteListingFloor(Path.Combine(data, "cairn.db"), ListingKeys.Bucket), async () =>
            {
                await server.DisposeAsync();
                Directory.Delete(data, recursive: true);
            })
        {
            StartSeconds = startSeconds,
        };
    }

    public void Dispose()
    {
    }
}
