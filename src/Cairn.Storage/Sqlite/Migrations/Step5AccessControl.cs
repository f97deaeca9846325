namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// Schema version 5: access control. Bucket configuration documents (ACL, policy, public access block, ownership,
/// CORS) by name; the ACL of each object and of each upload's future object (null = the owner's full control); and
/// users' inline policies.
/// </summary>
internal static class Step5AccessControl
{
    public static readonly SchemaStep Step = new(
        Version: 5,
        Description: "bucket settings, object and upload ACLs, user policies",
        Sql: """
            CREATE TABLE bucket_settings (
                bucket    TEXT NOT NULL,
                name      TEXT NOT NULL,
                document  TEXT NOT NULL,
                PRIMARY KEY (bucket, name)
            ) WITHOUT ROWID;
            ALTER TABLE objects ADD COLUMN acl TEXT;
            ALTER TABLE uploads ADD COLUMN acl TEXT;
            CREATE TABLE user_policies (
                user_id   TEXT NOT NULL,
                name      TEXT NOT NULL,
                document  TEXT NOT NULL,
                PRIMARY KEY (user_id, name)
            ) WITHOUT ROWID;
            CREATE INDEX buckets_by_owner ON buckets (owner, name);
            """);
}
