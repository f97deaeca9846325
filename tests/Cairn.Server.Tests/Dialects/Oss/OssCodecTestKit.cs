using System.Xml.Linq;
using Cairn.Core.Identity;
using Cairn.Core.Limits;
using Cairn.Core.Operations;
using Cairn.Server.Dialects.Oss;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Pipeline;
using Cairn.Server.Routing;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>Requests as the pipeline hands them to a handler, and the OSS codecs built alone, for driving them directly.</summary>
internal static class OssCodecTestKit
{
    /// <summary>The multipart codec without a service behind it: enough for everything but x-oss-complete-all's listing.</summary>
    public static OssMultipartCodec Multipart() => new(new StorageLimits(), multipart: null!);

    public static OperationRequest Request(Operation operation, string? key, string query = "", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 9000);
        context.Request.QueryString = query.Length > 0 ? new QueryString("?" + query) : QueryString.Empty;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        return new OperationRequest
        {
            Http = context,
            RequestId = "REQUEST",
            Dialect = new FakeOssDialect(),
            Target = new ResourcePath("b", key, VirtualHosted: false),
            Operation = operation,
            Auth = new AuthResult(new Principal("user-1", "AKID"), PayloadMode.Unsigned, null, null, null, null, null),
            Authorizer = null!,
            Resource = null!,
        };
    }

    /// <summary>The document a codec wrote.</summary>
    public static XElement Document(OperationRequest r) =>
        XElement.Parse(System.Text.Encoding.UTF8.GetString(((MemoryStream)r.Response.Body).ToArray()));

    /// <summary>The names of an element's children, in order.</summary>
    public static string[] ChildNames(XElement element) => element.Elements().Select(e => e.Name.LocalName).ToArray();
}
