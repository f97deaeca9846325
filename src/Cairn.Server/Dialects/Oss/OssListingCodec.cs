using Cairn.Core.Model;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS's object listings (ListObjects, ListObjectsV2 as OSS spells them).</summary>
internal sealed class OssListingCodec : IListingCodec
{
    public ListObjectsInput ReadListObjects(OperationRequest r) => throw Pending.Operation();

    public Task WriteListObjectsAsync(OperationRequest r, ListObjectsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners) => throw Pending.Operation();

    public ListObjectsV2Input ReadListObjectsV2(OperationRequest r) => throw Pending.Operation();

    public Task WriteListObjectsV2Async(OperationRequest r, ListObjectsV2Input input, ObjectPage page, IReadOnlyDictionary<string, string>? owners) => throw Pending.Operation();

    public ListVersionsInput ReadListObjectVersions(OperationRequest r) => throw Pending.Operation();

    public Task WriteListObjectVersionsAsync(OperationRequest r, ListVersionsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners) => throw Pending.Operation();
}
