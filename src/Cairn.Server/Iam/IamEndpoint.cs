using System.Xml;
using Cairn.Core.Errors;
using Cairn.Core.Identity;

namespace Cairn.Server.Iam;

/// <summary>
/// The admin API: IAM's query API on the S3 endpoint (docs/access-control.md "Admin API (IAM)"), for the requests
/// <see cref="QueryApiRecognizer"/> gives it. The exchange (<see cref="QueryApiExchange"/>) reads and verifies the
/// call; this finds the action, checks the caller may perform it and runs it. Only a user's long-term key calls the
/// admin API: temporary credentials are refused (AccessDenied), so a session can never create keys, users or roles
/// that outlive it.
/// </summary>
internal sealed class IamEndpoint(QueryApiExchange exchange, IamActions actions, IamPermissions permissions, IIdentityStore identities)
{
    public static readonly QueryApiService Service = new(QueryApiRecognizer.IamService, IamXml.Namespace, "Admin API");

    public Task InvokeAsync(HttpContext context) => exchange.RunAsync(context, Service, HandleAsync);

    private async Task<Action<XmlWriter>?> HandleAsync(QueryApiRequest request)
    {
        var action = actions.Find(request.Parameters);
        request.Route(action.Name);
        var caller = await CallerAsync(request.Principal, request.CancellationToken);
        var call = new IamCall(request.Parameters, caller, request.CancellationToken);
        await permissions.RequireAsync(request.Context, caller, action, IamPermissions.ResourceOf(action, call), request.CancellationToken);
        return await action.RunAsync(call);
    }

    private async Task<User> CallerAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.Session is not null)
        {
            throw new CairnException(ErrorCode.AccessDenied,
                "Temporary credentials cannot call the admin API; sign with a user's access key.");
        }

        return await identities.FindUserAsync(principal.UserId!, cancellationToken)
            ?? throw new CairnException(ErrorCode.InvalidClientTokenId);
    }
}
