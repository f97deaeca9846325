using Cairn.Client.Checkpoints;
using Cairn.Client.Upload;

namespace Cairn.Client.Tests.Checkpoints;

public sealed class CheckpointFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cairn-cp-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task SaveThenLoad_RoundTripsAndLeavesNoTempFiles()
    {
        var path = Path.Combine(_folder, "a.json");
        var checkpoint = new UploadCheckpoint
        {
            Bucket = "b", Key = "k", UploadId = "u", PartSize = 8,
            Source = new SourceIdentity("/x", 10, new DateTime(2025, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9)),
            Parts = [new CheckpointPart(1, 8, "abc")],
        };
        await CheckpointFile.SaveAsync(path, checkpoint, CancellationToken.None);
        await CheckpointFile.SaveAsync(path, checkpoint with { Parts = [.. checkpoint.Parts, new CheckpointPart(2, 2, "def")] }, CancellationToken.None);
        var loaded = CheckpointFile.Load<UploadCheckpoint>(path)!;
        Assert.Equal(checkpoint.Source, loaded.Source);
        Assert.Equal([1, 2], loaded.Parts.Select(p => p.PartNumber));
        Assert.Equal(["a.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Load_MissingOrCorrupt_IsNull()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "bad.json");
        Assert.Null(CheckpointFile.Load<UploadCheckpoint>(path));
        File.WriteAllText(path, "{ \"bucket\": ");
        Assert.Null(CheckpointFile.Load<UploadCheckpoint>(path));
    }

    [Fact]
    public void PathFor_IsStablePerPairAndDistinctAcrossPairs()
    {
        var a = CheckpointFile.PathFor("/cp", "/data/file", "s3://b/k");
        Assert.Equal(a, CheckpointFile.PathFor("/cp", "/data/file", "s3://b/k"));
        Assert.NotEqual(a, CheckpointFile.PathFor("/cp", "/data/file", "s3://b/k2"));
        Assert.NotEqual(a, CheckpointFile.PathFor("/cp", "/data/file2", "s3://b/k"));
        Assert.StartsWith("/cp/", a, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
