using Cairn.Bench.Postgres;
using Cairn.Bench.Scenarios;
using Npgsql;

namespace Cairn.Bench.Metadata;

/// <summary>
/// The PostgreSQL database every node keeps its metadata in (--metadata). The bench connects to it as the nodes do;
/// its floors run on scratch tables copied from the server's tables (<see cref="PgProbes"/>), and the listing keys
/// are seeded into the live database and listed on the nodes run.sh started.
/// </summary>
internal sealed class PgMetadata(string connectionString) : IMetadataUnderTest
{
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(connectionString);

    public string Name => "PostgreSQL";

    public async Task<long?> QueuedGarbageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = Source.CreateCommand("SELECT count(*) FROM garbage");
            return (long?)await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    public Task<double?> CompleteFloorAsync(BenchContext context, int parts, CancellationToken cancellationToken) =>
        PgProbes.CompleteFloorAsync(Source, parts, 3, cancellationToken);

    public async Task<ListingTarget> PrepareListingAsync(BenchContext context, int keys, CancellationToken cancellationToken)
    {
        await PgListingSeeder.SeedAsync(context, Source, keys, cancellationToken);
        return new ListingTarget(context.Nodes, context.MainMeter, new PgListingFloor(Source, ListingKeys.Bucket), () => ValueTask.CompletedTask);
    }

    public void Dispose() => Source.Dispose();
}
