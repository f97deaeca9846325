using Cairn.Core.Identity;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Iam;

/// <summary>
/// One authenticated query API call as an endpoint handles it: the HTTP exchange, who signed it and its parameters.
/// The endpoint names the action it found (<see cref="Route"/>) before running it, so metrics count refusals under
/// the action too and the answer is the action's document.
/// </summary>
internal sealed class QueryApiRequest(HttpContext context, QueryApiService service, Principal principal, QueryApiParameters parameters)
{
    public HttpContext Context => context;

    public Principal Principal => principal;

    public QueryApiParameters Parameters => parameters;

    public CancellationToken CancellationToken => context.RequestAborted;

    /// <summary>The action's name once routed; its answer is <c>&lt;ActionResponse&gt;</c>.</summary>
    public string? Action { get; private set; }

    public void Route(string action)
    {
        Action = action;
        context.Features.Get<RequestTelemetry>()?.RoutedToAction(service.Name + ":" + action);
    }
}
