using Cairn.Core.Operations;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// Decides the operation of an OSS request from method, target, query sub-resources and x-oss-* headers
/// (docs/oss-compatibility.md "Operations"). Sub-resources of features Cairn lacks answer NotImplemented.
/// </summary>
internal sealed class OssRouter : IRequestRouter
{
    public Operation Resolve(HttpRequest request, ResourcePath target) => Operation.NotImplemented;
}
