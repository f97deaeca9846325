namespace Cairn.Storage.Postgres.Migrations;

/// <summary>
/// Schema version 2: access control, as the embedded store's step 5. Bucket configuration documents (ACL, policy,
/// public access block, ownership, CORS) by name; the ACL of each object and of each upload's future object (null =
/// the owner's full control); users' inline policies. Names a listing orders by are
/// <c>COLLATE "C"</c>, as in step 1.
/// </summary>
internal static class PgStep2AccessControl
{
    public static readonly PgSchemaStep Step = new(
        Version: 2,
        Description: "bucket settings, object and upload ACLs, user policies",
        Sql: """
            CREATE TABLE bucket_settings (
                bucket    TEXT COLLATE "C" NOT NULL,
                name      TEXT COLLATE "C" NOT NULL,
                document  TEXT NOT NULL,
                PRIMARY KEY (bucket, name)
            );
            ALTER TABLE objects ADD COLUMN acl TEXT;
            ALTER TABLE uploads ADD COLUMN acl TEXT;
            CREATE TABLE user_policies (
                user_id   TEXT COLLATE "C" NOT NULL,
                name      TEXT COLLATE "C" NOT NULL,
                document  TEXT NOT NULL,
                PRIMARY KEY (user_id, name)
            );
            CREATE INDEX buckets_by_owner ON buckets (owner, name);
            """);
}
