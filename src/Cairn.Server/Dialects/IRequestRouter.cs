using Cairn.Core.Operations;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects;

/// <summary>A dialect's routing: method, target, query and headers to one operation (NotImplemented when none).</summary>
internal interface IRequestRouter
{
    Operation Resolve(HttpRequest request, ResourcePath target);
}
