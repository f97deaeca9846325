using Cairn.Core.Lifecycle;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>
/// A bucket's lifecycle configuration in the dialect's XML (S3's PutBucketLifecycleConfiguration, OSS's
/// PutBucketLifecycle), and the headers that show a client when a rule will act on what it just wrote or read.
/// </summary>
internal interface ILifecycleCodec
{
    /// <summary>The configuration the request's document holds, checked (docs/lifecycle.md "Configuration and validation").</summary>
    Task<LifecycleConfiguration> ReadConfigurationAsync(OperationRequest r);

    Task WriteConfigurationAsync(OperationRequest r, LifecycleConfiguration configuration);

    /// <summary>When a rule will expire the object the request wrote or reads (x-amz-expiration), where the dialect shows it.</summary>
    void WriteObjectExpiry(OperationRequest r, LifecycleDeadline deadline);

    /// <summary>When a rule will abort the upload the request created or lists the parts of, where the dialect shows it.</summary>
    void WriteUploadAbort(OperationRequest r, LifecycleDeadline deadline);
}
