using Cairn.Core.Lifecycle;
using Cairn.Core.Operations;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// Put/GetBucketLifecycle in OSS's spelling (<see cref="OssLifecycleDocument"/>; Content-MD5 verified when sent, not
/// required) and the one deadline header OSS documents: <c>x-oss-expiration</c> on GetObject and HeadObject. OSS
/// documents no header for an upload's abort date, so none is sent.
/// </summary>
internal sealed class OssLifecycleCodec : ILifecycleCodec
{
    /// <summary>As for S3: a thousand full rules fit under 2 MiB.</summary>
    public const int MaxDocumentBytes = 2 * 1024 * 1024;

    public const string ExpirationHeader = "x-oss-expiration";

    public async Task<LifecycleConfiguration> ReadConfigurationAsync(OperationRequest r) =>
        OssLifecycleDocument.Read(await OssXml.ReadDocumentAsync(r, MaxDocumentBytes, OssLifecycleDocument.Root));

    public Task WriteConfigurationAsync(OperationRequest r, LifecycleConfiguration configuration) =>
        OssXml.WriteAsync(r.Response, OssLifecycleDocument.Root, xml => OssLifecycleDocument.Write(xml, configuration), r.Aborted);

    public void WriteObjectExpiry(OperationRequest r, LifecycleDeadline deadline)
    {
        if (r.Operation is Operation.GetObject or Operation.HeadObject)
        {
            r.Response.Headers[ExpirationHeader] = LifecycleHeaderValues.Expiration(deadline);
        }
    }

    public void WriteUploadAbort(OperationRequest r, LifecycleDeadline deadline)
    {
    }
}
