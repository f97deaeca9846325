using System.Xml;
using Cairn.Core.Errors;
using Cairn.Core.Identity;

namespace Cairn.Server.Iam;

/// <summary>
/// CreateUser, GetUser, ListUsers and DeleteUser. A new user gets a random id (<see cref="UserIds.New"/>), which
/// becomes the owner id of what it creates; the root user is listed like any other but can never be deleted.
/// </summary>
internal sealed class IamUserActions(IIdentityStore identities, TimeProvider time)
{
    private const int DefaultMaxItems = 100;

    public IEnumerable<IamAction> Actions =>
    [
        new("CreateUser", CreateAsync),
        new("GetUser", GetAsync),
        new("ListUsers", ListAsync, IamTarget.UserList),
        new("DeleteUser", DeleteAsync),
    ];

    private async Task<Action<XmlWriter>?> CreateAsync(IamCall call)
    {
        var name = IamNames.RequiredUser(call.Parameters);
        IamNames.RequireRootPath(call.Parameters);
        if (call.Parameters.HasAnyStartingWith("Tags.") || call.Parameters.Optional("PermissionsBoundary") is not null)
        {
            throw new CairnException(ErrorCode.NotImplemented, "Cairn does not keep tags or permissions boundaries on users.");
        }

        var user = new User(UserIds.New(), name, time.GetUtcNow(), IdentityStatus.Active);
        if (await identities.FindUserByNameAsync(name, call.CancellationToken) is not null
            || !await identities.CreateUserAsync(user, call.CancellationToken))
        {
            throw new CairnException(ErrorCode.EntityAlreadyExists, $"User with name {name} already exists.");
        }

        return xml => UserElement(xml, user);
    }

    private async Task<Action<XmlWriter>?> GetAsync(IamCall call)
    {
        var user = await call.TargetUserAsync(identities);
        return xml => UserElement(xml, user);
    }

    private async Task<Action<XmlWriter>?> ListAsync(IamCall call)
    {
        var page = await IamPage<User>.AtRootPathAsync(call.Parameters, DefaultMaxItems,
            (after, count) => identities.ListUsersAsync(after, count, call.CancellationToken), user => user.Name);
        return xml =>
        {
            QueryApiXml.Members(xml, "Users", page.Items, IamXml.User);
            page.WritePaging(xml);
        };
    }

    private async Task<Action<XmlWriter>?> DeleteAsync(IamCall call)
    {
        var name = IamNames.RequiredUser(call.Parameters);
        var user = await call.TargetUserAsync(identities);
        if (user.IsRoot)
        {
            throw new CairnException(ErrorCode.DeleteConflict, "The root user cannot be deleted.");
        }

        var outcome = await identities.DeleteUserAsync(user.Id, call.CancellationToken);
        return outcome switch
        {
            DeleteUserOutcome.Deleted => null,
            DeleteUserOutcome.NotFound => throw new CairnException(ErrorCode.NoSuchEntity, $"The user with name {name} cannot be found."),
            DeleteUserOutcome.OwnsBuckets => throw Conflict("buckets"),
            DeleteUserOutcome.HasAccessKeys => throw Conflict("access keys"),
            DeleteUserOutcome.HasPolicies => throw Conflict("policies"),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    private static CairnException Conflict(string what) =>
        new(ErrorCode.DeleteConflict, $"Cannot delete entity, must delete {what} first.");

    private static void UserElement(XmlWriter xml, User user)
    {
        xml.WriteStartElement("User");
        IamXml.User(xml, user);
        xml.WriteEndElement();
    }
}
