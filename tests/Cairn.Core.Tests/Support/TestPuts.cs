using Cairn.Core.Model;
using Cairn.Core.Objects;

namespace Cairn.Core.Tests.Support;

/// <summary>PutObject commands as the protocol layer builds them from a request.</summary>
internal static class TestPuts
{
    /// <summary>A put of <paramref name="data"/> that announces its length (Content-Length) unless told otherwise.</summary>
    public static PutObjectCommand Command(
        string bucket, string key, byte[] data, IntegrityExpectation? integrity = null, WriteCondition? condition = null, bool announceLength = true) =>
        new()
        {
            Bucket = bucket,
            Key = key,
            ContentLength = announceLength ? data.Length : null,
            Integrity = integrity ?? IntegrityExpectation.None,
            Condition = condition ?? WriteCondition.None,
            Owner = CoreTestStore.Owner,
        };

    /// <summary>Puts <paramref name="data"/> whole through the service.</summary>
    public static Task<ObjectRecord> PutAsync(
        this CoreTestStore store, string bucket, string key, byte[] data, IntegrityExpectation? integrity = null, WriteCondition? condition = null) =>
        store.Objects.PutAsync(Command(bucket, key, data, integrity, condition), new MemoryStream(data, writable: false), CancellationToken.None);
}
