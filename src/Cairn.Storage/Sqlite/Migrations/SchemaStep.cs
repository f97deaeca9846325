using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// One numbered step of the metadata schema: SQL, a data step in C# run after it, or both. A step runs in one
/// transaction together with the <c>user_version</c> it reaches, so a database is always exactly at some version.
/// </summary>
/// <param name="Version">The version the database is at once the step has run (steps are numbered 1, 2, 3...).</param>
/// <param name="Description">What the step changes, for the log and for readers of the list.</param>
/// <param name="Sql">Statements to run, if any.</param>
/// <param name="Data">Rewrites rows in C#, after <paramref name="Sql"/>, if the change needs more than SQL.</param>
internal sealed record SchemaStep(int Version, string Description, string? Sql, Action<SqliteTransaction>? Data = null);
