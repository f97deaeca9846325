using Cairn.Core.Identity;
using Cairn.Core.Operations;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Pipeline;
using Cairn.Server.Routing;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>Requests as the pipeline hands them to a handler, for driving the S3 codecs directly.</summary>
internal static class S3CodecTestKit
{
    public static OperationRequest Request(Operation operation, string? key, string query = "", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
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
            Dialect = TestDialects.S3(),
            Target = new ResourcePath("b", key, VirtualHosted: false),
            Operation = operation,
            Auth = new AuthResult(new Principal("user-1", "AKID"), PayloadMode.Unsigned, null, null, null, null, null),
            Authorizer = null!,
            Resource = null!,
        };
    }
}
