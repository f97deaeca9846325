using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Cairn.IntegrationTests.Clients;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.PostObject;

/// <summary>
/// A 1 GiB browser form upload is streamed, never buffered: the server runs as its own process so its memory can be
/// read from the kernel, the file section is generated as it is sent (the test holds none of it either), and the
/// server's peak resident memory stays far below the file's size while the stored object's MD5 matches.
/// </summary>
public sealed class PostObjectLargeFileTests : IAsyncLifetime
{
    private const long Size = 1L << 30;
    private const ulong Seed = 0x9057_F0A1;
    private const string AccessKey = "cairn-post-root";
    private const string SecretKey = "cairn-post-secret-0123456789";

    /// <summary>How much the server's peak resident memory may grow during the upload: a fraction of the file.</summary>
    private const long MaxGrowth = 256L * 1024 * 1024;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-post-" + Guid.NewGuid().ToString("N")[..12]);
    private CairnServerProcess? _server;

    [SkippableFact]
    public async Task A_1_GiB_form_upload_streams_with_flat_server_memory_and_stores_the_exact_bytes()
    {
        Skip.IfNot(File.Exists("/proc/self/status"), "needs /proc to read the server's memory");
        _server = await CairnServerProcess.StartAsync(_dataDirectory, AccessKey, SecretKey);
        using var http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        using var s3 = _server.CreateClient();
        const string bucket = "big-forms";
        await s3.PutBucketAsync(bucket);

        // A small upload first, so the baseline is a server that has already served a form.
        using (var warmUp = await http.PostAsync(bucket, Form().Build(new byte[1024])))
        {
            Assert.Equal(HttpStatusCode.NoContent, warmUp.StatusCode);
        }

        var baseline = ResidentBytes("VmRSS");
        var (md5Hex, _) = DeterministicStream.ComputeHashes(Size, Seed);
        var file = new StreamContent(new DeterministicStream(Size, Seed), 256 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await http.PostAsync(bucket, Form().Build(file, "big.bin"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var peak = ResidentBytes("VmHWM");
        Assert.True(peak - baseline < MaxGrowth,
            $"the server's peak resident memory grew by {(peak - baseline) / (1024 * 1024)} MiB during a 1 GiB form upload");
        Assert.Equal("\"" + md5Hex + "\"", response.Headers.ETag?.Tag);
        using var stored = await s3.GetObjectAsync(bucket, "uploads/big.bin");
        Assert.Equal(Size, stored.ContentLength);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await stored.ResponseStream.ReadAsync(buffer)) > 0)
        {
            md5.AppendData(buffer, 0, read);
        }

        Assert.Equal(md5Hex, Convert.ToHexStringLower(md5.GetHashAndReset()));
    }

    private static PostFormBuilder Form()
    {
        var form = new PostFormBuilder(AccessKey, SecretKey).Field("key", "uploads/${filename}");
        form.Conditions.Add("[\"starts-with\", \"$key\", \"uploads/\"]");
        form.Conditions.Add($"[\"content-length-range\", 0, {Size}]");
        return form;
    }

    /// <summary>A memory figure of the server process from <c>/proc/PID/status</c> (VmRSS now, VmHWM the peak), in bytes.</summary>
    private long ResidentBytes(string field)
    {
        var line = File.ReadLines($"/proc/{_server!.ProcessId}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var kib = line[(field.Length + 1)..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
