using Cairn.Core.Checksums;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Objects;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Sqlite;
using Cairn.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Multipart;

/// <summary>
/// A <see cref="MultipartService"/> over the stores of a <see cref="CoreTestStore"/> (real SQLite and blob files, a
/// fake clock), with a small minimum part size so parts stay a few bytes.
/// </summary>
internal sealed class MultipartServiceFixture : IDisposable
{
    public const string Bucket = "b";
    public const long MinPartSize = 8;
    private readonly CoreTestStore _stores = new(new StorageLimits { MinPartSize = MinPartSize, MinFreeSpace = 0 });

    public MultipartServiceFixture(Func<IUploadStore, IUploadStore>? wrapUploads = null, ChecksumPolicy? checksums = null)
    {
        Uploads = wrapUploads?.Invoke(Store) ?? Store;
        Service = new MultipartService(Store, Store, Uploads, Blobs, _stores.Limits, _stores.Space, Clock, checksums);
    }

    public FakeTimeProvider Clock => _stores.Time;

    public SqliteMetadataStore Store => _stores.Metadata;

    public IUploadStore Uploads { get; }

    public FileBlobStore Blobs => _stores.Blobs;

    public MultipartService Service { get; }

    public void Dispose() => _stores.Dispose();

    public async Task<string> InitiateAsync(string key = "k", TagSet? tags = null)
    {
        await Store.CreateBucketAsync(new BucketRecord(Bucket, "owner", Clock.GetUtcNow()), CancellationToken.None);
        var upload = await Service.InitiateAsync(
            new UploadRecord { UploadId = string.Empty, Bucket = Bucket, Key = key, InitiatedAt = default, Owner = "owner", Tags = tags ?? TagSet.Empty }, CancellationToken.None);
        return upload.UploadId;
    }

    public async Task<PartRecord> UploadPartAsync(string uploadId, int partNumber, byte[] content, string key = "k")
    {
        using var body = new MemoryStream(content);
        return await Service.UploadPartAsync(
            new UploadPartCommand(Bucket, key, uploadId, partNumber, content.Length, IntegrityExpectation.None), body, CancellationToken.None);
    }

    public Task<ObjectRecord> CompleteAsync(string uploadId, IReadOnlyList<CompletePart> list, string key = "k") =>
        Service.CompleteAsync(Bucket, key, uploadId, _ => Task.FromResult(new CompleteRequest(list, WriteCondition.None)), CancellationToken.None);

    public static CompletePart Listed(PartRecord part) => new(part.PartNumber, "\"" + part.ETag + "\"", new Dictionary<ChecksumAlgorithm, string>());

    public static byte[] Bytes(int length, byte fill) => Enumerable.Repeat(fill, length).ToArray();

    public bool BlobExists(string blobId) => File.Exists(Blobs.PathOf(blobId));
}
