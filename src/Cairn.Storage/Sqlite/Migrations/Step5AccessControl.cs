namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// Schema version 5: access control. Bucket configuration documents (ACL, policy, public access block, ownership,
/// CORS) by name; the ACL of each object and of each upload's future object (null = the owner's full control);
/// users' inline policies; and which access keys came from the server's configuration, so that a new configured root
/// key retires only earlier configured ones (every root key held before this step came from it: no other could be
/// made).
/// </summary>
internal static class Step5AccessControl
{
    public static readonly SchemaStep Step = new(
        Version: 5,
        Description: "bucket settings, object and upload ACLs, user policies, configured keys",
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
            ALTER TABLE access_keys ADD COLUMN from_config INTEGER NOT NULL DEFAULT 0;
            UPDATE access_keys SET from_config = 1 WHERE user_id = 'root';
            """);
}
