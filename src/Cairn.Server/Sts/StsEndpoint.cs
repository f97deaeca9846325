using System.Xml;
using Cairn.Server.Iam;

namespace Cairn.Server.Sts;

/// <summary>
/// STS's query API on the S3 endpoint (docs/identity.md "Roles and temporary credentials"), for the requests
/// <see cref="QueryApiRecognizer"/> gives it (SigV4 credential scope service <c>sts</c>). The exchange
/// (<see cref="QueryApiExchange"/>) reads and verifies the call, with long-term keys or temporary credentials alike;
/// each action decides for itself who may call it.
/// </summary>
internal sealed class StsEndpoint(QueryApiExchange exchange, StsActions actions)
{
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static readonly QueryApiService Service = new(QueryApiRecognizer.StsService, Namespace, "STS");

    public Task InvokeAsync(HttpContext context) => exchange.RunAsync(context, Service, HandleAsync);

    private async Task<Action<XmlWriter>?> HandleAsync(QueryApiRequest request)
    {
        var action = actions.Find(request.Parameters);
        request.Route(action.Name);
        return await action.RunAsync(request);
    }
}
