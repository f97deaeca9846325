namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// Schema version 7: object tagging. Each object and each upload's future object keeps its tag set in the stored form
/// of <see cref="Cairn.Core.Tagging.TagSetJson"/> (null = no tags), so rows from before this step have none.
/// </summary>
internal static class Step7Tags
{
    public static readonly SchemaStep Step = new(
        Version: 7,
        Description: "object and upload tags",
        Sql: """
            ALTER TABLE objects ADD COLUMN tags TEXT;
            ALTER TABLE uploads ADD COLUMN tags TEXT;
            """);
}
