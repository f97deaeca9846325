using System.Text.Json;

namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// The stored form of an ACL (bucket setting and object/upload column alike): a JSON array of
/// <c>{"type":"user"|"group","value":…,"permission":"READ"|…}</c>. The spellings are part of the schema and never
/// follow a C# name.
/// </summary>
public static class AclJson
{
    public static string Write(AccessControlList acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var grant in acl.Grants)
            {
                json.WriteStartObject();
                json.WriteString("type", grant.Grantee.Type == GranteeType.CanonicalUser ? "user" : "group");
                json.WriteString("value", grant.Grantee.Value);
                json.WriteString("permission", Spell(grant.Permission));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static AccessControlList Read(string stored)
    {
        using var document = JsonDocument.Parse(stored);
        var grants = new List<Grant>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var type = item.GetProperty("type").GetString() switch
            {
                "user" => GranteeType.CanonicalUser,
                "group" => GranteeType.Group,
                var other => throw new InvalidDataException($"The metadata database holds an unknown grantee type \"{other}\"."),
            };
            grants.Add(new Grant(new Grantee(type, item.GetProperty("value").GetString()!), ParsePermission(item.GetProperty("permission").GetString()!)));
        }

        return new AccessControlList(grants);
    }

    /// <summary>The permission's S3 spelling (also its stored spelling).</summary>
    public static string Spell(AclRight permission) => permission switch
    {
        AclRight.Read => "READ",
        AclRight.Write => "WRITE",
        AclRight.ReadAcp => "READ_ACP",
        AclRight.WriteAcp => "WRITE_ACP",
        AclRight.FullControl => "FULL_CONTROL",
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "Undefined ACL permission."),
    };

    /// <summary>Parses an S3 permission spelling; null when it is none.</summary>
    public static AclRight? TryParsePermission(string value) => value switch
    {
        "READ" => AclRight.Read,
        "WRITE" => AclRight.Write,
        "READ_ACP" => AclRight.ReadAcp,
        "WRITE_ACP" => AclRight.WriteAcp,
        "FULL_CONTROL" => AclRight.FullControl,
        _ => null,
    };

    private static AclRight ParsePermission(string stored) =>
        TryParsePermission(stored) ?? throw new InvalidDataException($"The metadata database holds an unknown ACL permission \"{stored}\".");
}
