using System.Text;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Objects;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>S3's bucket policy operations: the JSON document as the body both ways, PolicyStatus as XML.</summary>
internal sealed class S3PolicyCodec : IPolicyCodec
{
    private const string JsonContentType = "application/json";

    public async Task<string> ReadBucketPolicyAsync(OperationRequest r)
    {
        var limit = PolicyLimits.MaxBucketPolicyBytes + 1;
        var buffer = new byte[limit];
        // SDKs send Content-MD5 or an x-amz-checksum-* with the policy; it is checked when the end is read.
        var body = new VerifyingReadStream(r.OpenBody(), ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth));
        var length = 0;
        int read;
        while (length < limit && (read = await body.ReadAsync(buffer.AsMemory(length), r.Aborted)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public async Task WriteBucketPolicyAsync(OperationRequest r, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        r.Response.ContentType = JsonContentType;
        r.Response.ContentLength = bytes.Length;
        await r.Response.Body.WriteAsync(bytes, r.Aborted);
    }

    public Task WritePolicyStatusAsync(OperationRequest r, bool isPublic) =>
        S3Xml.WriteAsync(r.Response, "PolicyStatus", xml => xml.Element("IsPublic", isPublic ? "true" : "false"), r.Aborted);
}
