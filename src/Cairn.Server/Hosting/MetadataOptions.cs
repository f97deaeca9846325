namespace Cairn.Server.Hosting;

/// <summary>
/// The metadata store (<c>Cairn:Metadata</c>). Without a connection string the metadata is the embedded SQLite
/// database in the data directory, which serves one node; with one it is a PostgreSQL database (or a
/// PostgreSQL-wire engine) that several nodes sharing one blob directory use together.
/// </summary>
public sealed class MetadataOptions
{
    /// <summary>
    /// An Npgsql connection string, e.g. <c>Host=db;Database=cairn;Username=cairn;Password=...</c>
    /// (<c>--metadata</c>); empty = embedded SQLite.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether the metadata is PostgreSQL rather than the embedded SQLite database.</summary>
    public bool IsPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
}
