using System.Security.Cryptography;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// boto3's get_object_attributes against objects boto3 itself uploaded with CRC32 checksums: a single PUT and a
/// three-part upload whose parts are read two at a time.
/// </summary>
public sealed class GetObjectAttributesBoto3Tests : IClassFixture<CairnServerFixture>, IDisposable
{
    private readonly CairnServerFixture _server;
    private readonly ClientRunner _clients;

    public GetObjectAttributesBoto3Tests(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _clients = new ClientRunner(server, output);
    }

    [SkippableFact]
    public async Task Boto3_GetObjectAttributes_SinglePutAndPagedMultipartParts()
    {
        var bucket = "attrs-boto3-" + Guid.NewGuid().ToString("N")[..16];
        using (var s3 = _server.CreateClient())
        {
            await s3.PutBucketAsync(bucket);
        }

        byte[] single = ClientTestSupport.RandomBytes(50_000, seed: 111);
        byte[][] parts = [ClientTestSupport.RandomBytes(100 * 1024, seed: 112), ClientTestSupport.RandomBytes(100 * 1024 + 1, seed: 113), ClientTestSupport.RandomBytes(10, seed: 114)];
        var files = new List<string>();
        foreach (var (name, bytes) in new[] { ("single", single), ("p1", parts[0]), ("p2", parts[1]), ("p3", parts[2]) })
        {
            var path = Path.Combine(_clients.Root, name + ".bin");
            await File.WriteAllBytesAsync(path, bytes);
            files.Add(path);
        }

        const string script = ClientRunner.Boto3Prelude + """
            bucket, single_path, part_paths = sys.argv[2], sys.argv[3], sys.argv[4:]
            everything = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"]
            def clean(response):
                response = dict(response)
                response.pop("ResponseMetadata", None)
                if "LastModified" in response:
                    response["LastModified"] = response["LastModified"].isoformat()
                return response

            out = {}
            with open(single_path, "rb") as f:
                s3.put_object(Bucket=bucket, Key="single", Body=f.read(), ChecksumAlgorithm="CRC32")
            out["single"] = clean(s3.get_object_attributes(Bucket=bucket, Key="single", ObjectAttributes=everything))
            out["single_head_last_modified"] = s3.head_object(Bucket=bucket, Key="single")["LastModified"].isoformat()

            up = s3.create_multipart_upload(Bucket=bucket, Key="multi", ChecksumAlgorithm="CRC32")["UploadId"]
            done = []
            for number, path in enumerate(part_paths, 1):
                with open(path, "rb") as f:
                    r = s3.upload_part(Bucket=bucket, Key="multi", UploadId=up, PartNumber=number, Body=f.read(), ChecksumAlgorithm="CRC32")
                done.append({"PartNumber": number, "ETag": r["ETag"], "ChecksumCRC32": r["ChecksumCRC32"]})
            s3.complete_multipart_upload(Bucket=bucket, Key="multi", UploadId=up, MultipartUpload={"Parts": done})

            pages = []
            marker = 0
            while True:
                page = clean(s3.get_object_attributes(Bucket=bucket, Key="multi", ObjectAttributes=everything,
                                                      MaxParts=2, PartNumberMarker=marker))
                pages.append(page)
                parts = page["ObjectParts"]
                if not parts.get("IsTruncated") or len(pages) > 5:
                    break
                marker = parts["NextPartNumberMarker"]
            out["pages"] = pages
            out["missing"] = error_of(lambda: s3.get_object_attributes(Bucket=bucket, Key="nothing", ObjectAttributes=everything))
            print(json.dumps(out))
            """;

        var result = await _clients.Boto3Async(script, [bucket, .. files]);
        using var json = ClientRunner.LastJsonLine(result);
        var root = json.RootElement;
        var context = result.Describe();

        var one = root.GetProperty("single");
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(single)), one.GetProperty("ETag").GetString());
        Assert.Equal(TestChecksums.Crc32(single), one.GetProperty("Checksum").GetProperty("ChecksumCRC32").GetString());
        Assert.Equal("FULL_OBJECT", one.GetProperty("Checksum").GetProperty("ChecksumType").GetString());
        Assert.Equal("STANDARD", one.GetProperty("StorageClass").GetString());
        Assert.Equal(single.Length, one.GetProperty("ObjectSize").GetInt64());
        Assert.False(one.TryGetProperty("ObjectParts", out _), "a single PUT has no ObjectParts:\n" + context);
        Assert.Equal(root.GetProperty("single_head_last_modified").GetString(), one.GetProperty("LastModified").GetString());

        var pages = root.GetProperty("pages").EnumerateArray().ToList();
        Assert.True(pages.Count == 2, "three parts two at a time should take two pages:\n" + context);
        var partChecksums = parts.Select(p => TestChecksums.Crc32(p)).ToArray();
        var composite = TestChecksums.Crc32(partChecksums.SelectMany(Convert.FromBase64String).ToArray()) + "-3";
        var partMd5s = parts.SelectMany(p => MD5.HashData(p)).ToArray();
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(partMd5s)) + "-3", pages[0].GetProperty("ETag").GetString());
        Assert.Equal(composite, pages[0].GetProperty("Checksum").GetProperty("ChecksumCRC32").GetString());
        Assert.Equal("COMPOSITE", pages[0].GetProperty("Checksum").GetProperty("ChecksumType").GetString());
        Assert.Equal(parts.Sum(p => p.Length), pages[0].GetProperty("ObjectSize").GetInt64());

        var listed = new List<(int Number, long Size, string? Crc32)>();
        for (var i = 0; i < pages.Count; i++)
        {
            var objectParts = pages[i].GetProperty("ObjectParts");
            Assert.Equal(3, objectParts.GetProperty("TotalPartsCount").GetInt32());
            Assert.Equal(2, objectParts.GetProperty("MaxParts").GetInt32());
            Assert.Equal(i == 0, objectParts.GetProperty("IsTruncated").GetBoolean());
            listed.AddRange(objectParts.GetProperty("Parts").EnumerateArray().Select(p => (
                p.GetProperty("PartNumber").GetInt32(),
                p.GetProperty("Size").GetInt64(),
                p.TryGetProperty("ChecksumCRC32", out var crc) ? crc.GetString() : null)));
        }

        var expectedParts = new List<(int Number, long Size, string? Crc32)>
        {
            (1, parts[0].Length, partChecksums[0]),
            (2, parts[1].Length, partChecksums[1]),
            (3, parts[2].Length, partChecksums[2]),
        };
        Assert.Equal(expectedParts, listed);

        var missing = root.GetProperty("missing");
        Assert.Equal(404, missing.GetProperty("Status").GetInt32());
        Assert.Equal("NoSuchKey", missing.GetProperty("Code").GetString());
    }

    public void Dispose() => _clients.Dispose();
}
