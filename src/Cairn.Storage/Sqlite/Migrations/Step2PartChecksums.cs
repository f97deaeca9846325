namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>Schema version 2: a multipart object's segments keep their part's checksum (GetObjectAttributes).</summary>
internal static class Step2PartChecksums
{
    public static readonly SchemaStep Step = new(
        Version: 2,
        Description: "segments keep their part's checksum",
        Sql: "ALTER TABLE segments ADD COLUMN part_checksums TEXT;");
}
