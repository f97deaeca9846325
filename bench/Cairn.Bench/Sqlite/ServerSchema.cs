using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Cairn.Bench.Sqlite;

/// <summary>
/// The metadata schema of a running Cairn, read from its cairn.db (never from Cairn's source): the version
/// (PRAGMA user_version), a hash of every CREATE statement, and the statements themselves. The listing seed cache is
/// keyed by version and hash, so a schema change (even an unversioned one) re-seeds; the SQLite probes build their
/// scratch tables from the same statements.
/// </summary>
internal sealed record ServerSchema(int Version, string Hash, IReadOnlyList<string> Statements)
{
    public string CacheKey => $"v{Version}-{Hash}";

    public static ServerSchema Read(string databasePath)
    {
        using var connection = OpenReadOnly(databasePath);
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        var number = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name";
        using var reader = command.ExecuteReader();
        var statements = new List<string>();
        while (reader.Read())
        {
            statements.Add(reader.GetString(0));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(";\n", statements))))[..12];
        return new ServerSchema(number, hash, statements);
    }

    /// <summary>A read-only, unpooled connection (safe beside a running server: WAL readers never block its writer).</summary>
    public static SqliteConnection OpenReadOnly(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>A read-write, unpooled connection (for a database no server has open).</summary>
    public static SqliteConnection OpenReadWrite(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
