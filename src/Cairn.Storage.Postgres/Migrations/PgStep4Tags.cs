namespace Cairn.Storage.Postgres.Migrations;

/// <summary>
/// Schema version 4: object tagging, as the embedded store's step 7. Each object and each upload's future object
/// keeps its tag set in the stored form of <see cref="Cairn.Core.Tagging.TagSetJson"/> (null = no tags), so rows from
/// before this step have none.
/// </summary>
internal static class PgStep4Tags
{
    public static readonly PgSchemaStep Step = new(
        Version: 4,
        Description: "object and upload tags",
        Sql: """
            ALTER TABLE objects ADD COLUMN tags TEXT;
            ALTER TABLE uploads ADD COLUMN tags TEXT;
            """);
}
