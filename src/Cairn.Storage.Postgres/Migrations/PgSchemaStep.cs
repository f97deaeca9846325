namespace Cairn.Storage.Postgres.Migrations;

/// <summary>
/// One numbered step of the PostgreSQL metadata schema. A step runs in one transaction together with the row that
/// records it in <c>cairn_schema</c>, so a database is always exactly at some version.
/// </summary>
/// <param name="Version">The version the database is at once the step has run (steps are numbered 1, 2, 3...).</param>
/// <param name="Description">What the step changes.</param>
/// <param name="Sql">The statements to run.</param>
internal sealed record PgSchemaStep(int Version, string Description, string Sql);
