using System.Xml;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// CreateAccessKey, ListAccessKeys, UpdateAccessKey and DeleteAccessKey. The secret is in CreateAccessKey's answer
/// and nowhere else, ever; a user holds at most two keys, as in IAM, so one can be rotated without a gap. The root
/// user's key comes from the server's configuration (which replaces it on every start), so its keys are listed but
/// not changed here.
/// </summary>
internal sealed class IamAccessKeyActions(IIdentityStore identities, TimeProvider time)
{
    /// <summary>IAM's AccessKeysPerUser quota.</summary>
    public const int MaxKeysPerUser = 2;

    private const string AccessKeyId = "AccessKeyId";

    public IEnumerable<IamAction> Actions =>
    [
        new("CreateAccessKey", CreateAsync),
        new("ListAccessKeys", ListAsync),
        new("UpdateAccessKey", UpdateAsync),
        new("DeleteAccessKey", DeleteAsync),
    ];

    private async Task<Action<XmlWriter>?> CreateAsync(IamCall call)
    {
        var user = NotRoot(await call.TargetUserAsync(identities));
        var keys = await identities.ListAccessKeysAsync(user.Id, call.CancellationToken);
        if (keys.Count >= MaxKeysPerUser)
        {
            throw new CairnException(ErrorCode.LimitExceeded, $"Cannot exceed quota for AccessKeysPerUser: {MaxKeysPerUser}");
        }

        var key = new AccessKey(AccessKeyPairs.NewId(), AccessKeyPairs.NewSecret(), user.Id, IdentityStatus.Active, ExpiresAt: null, time.GetUtcNow());
        if (!await identities.CreateAccessKeyAsync(key, call.CancellationToken))
        {
            // A random 75-bit id that is taken, or the user removed meanwhile: either way nothing was created.
            throw new CairnException(ErrorCode.NoSuchEntity, $"The user with name {user.Name} cannot be found.");
        }

        return xml =>
        {
            xml.WriteStartElement("AccessKey");
            xml.Element("UserName", user.Name);
            xml.Element(AccessKeyId, key.AccessKeyId);
            xml.Element("Status", key.Status.ToString());
            xml.Element("SecretAccessKey", key.Secret);
            xml.Element("CreateDate", QueryApiXml.Date(key.CreatedAt));
            xml.WriteEndElement();
        };
    }

    private async Task<Action<XmlWriter>?> ListAsync(IamCall call)
    {
        var user = await call.TargetUserAsync(identities);
        var keys = await identities.ListAccessKeysAsync(user.Id, call.CancellationToken);
        var page = IamPage<AccessKey>.Of(keys.OrderBy(key => key.AccessKeyId, StringComparer.Ordinal), key => key.AccessKeyId, call.Parameters, 100);
        return xml =>
        {
            QueryApiXml.Members(xml, "AccessKeyMetadata", page.Items, (member, key) =>
            {
                member.Element("UserName", user.Name);
                member.Element(AccessKeyId, key.AccessKeyId);
                member.Element("Status", key.Status.ToString());
                member.Element("CreateDate", QueryApiXml.Date(key.CreatedAt));
            });
            page.WritePaging(xml);
        };
    }

    private async Task<Action<XmlWriter>?> UpdateAsync(IamCall call)
    {
        var status = call.Parameters.Required("Status") switch
        {
            "Active" => IdentityStatus.Active,
            "Inactive" => IdentityStatus.Inactive,
            var other => throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value '{other}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"),
        };
        var user = NotRoot(await call.TargetUserAsync(identities));
        var key = await FindKeyAsync(user, call);
        if (!await identities.UpdateAccessKeyAsync(key with { Status = status }, call.CancellationToken))
        {
            throw NoSuchKey(key.AccessKeyId);
        }

        return null;
    }

    private async Task<Action<XmlWriter>?> DeleteAsync(IamCall call)
    {
        var user = NotRoot(await call.TargetUserAsync(identities));
        var keyId = call.Parameters.Required(AccessKeyId);
        if (!await identities.DeleteAccessKeyAsync(user.Id, keyId, call.CancellationToken))
        {
            throw NoSuchKey(keyId);
        }

        return null;
    }

    private async Task<AccessKey> FindKeyAsync(User user, IamCall call)
    {
        var keyId = call.Parameters.Required(AccessKeyId);
        var keys = await identities.ListAccessKeysAsync(user.Id, call.CancellationToken);
        return keys.FirstOrDefault(key => key.AccessKeyId == keyId) ?? throw NoSuchKey(keyId);
    }

    private static User NotRoot(User user) =>
        user.IsRoot
            ? throw new CairnException(ErrorCode.ValidationError,
                "The root user's access key comes from the server's configuration (Cairn:RootUser and Cairn:RootPassword); it cannot be changed through the admin API.")
            : user;

    private static CairnException NoSuchKey(string keyId) =>
        new(ErrorCode.NoSuchEntity, $"The Access Key with id {keyId} cannot be found.");
}
