using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Tests.Shared;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Crash durability: Cairn runs as a child process and is killed with SIGKILL right after an acknowledged
/// PUT while another PUT is still sending its body, twenty times over, then restarted on the same data
/// directory. Every acknowledged object must read back byte-identical; the interrupted PUT must leave its
/// key absent (or holding what it held before) or whole, never partial; and once the server has been up
/// long enough to sweep, <c>&lt;data&gt;/tmp</c> holds no leftovers.
/// The random schedule is printed; set CAIRN_CRASH_SEED to replay one.
/// </summary>
public sealed class CrashDurabilityTests : IAsyncLifetime
{
    private const int Rounds = 20;
    private const int MiB = 1024 * 1024;
    private const string Bucket = "crash-durability";
    private const string AccessKey = "cairn-crash-root";
    private const string SecretKey = "cairn-crash-secret-0123456789";

    /// <summary>Interesting sizes: empty, tiny, around 64 KiB and 5 MiB boundaries, and the 8 MiB maximum.</summary>
    private static readonly int[] Sizes = [0, 1, 4095, 64 * 1024, 64 * 1024 + 1, MiB, 5 * MiB + 3, 8 * MiB];

    /// <summary>
    /// The garbage collector runs often, so leftovers are swept within the test's patience; the data directory is
    /// this server's alone, so a restart removes the temp files the killed process left, however recent.
    /// </summary>
    private static readonly Dictionary<string, string> ServerEnvironment = new()
    {
        ["CAIRN__GarbageCollectionInterval"] = "00:00:02",
        ["CAIRN__StartupSweepGrace"] = "00:00:00",
    };

    private readonly ITestOutputHelper _output;
    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "cairn-crash-" + Guid.NewGuid().ToString("N")[..12]);

    private CairnServerProcess? _server;

    public CrashDurabilityTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task AcknowledgedPuts_SurviveSigkill_AndTheInFlightPut_IsAbsentOrWhole()
    {
        var seed = Environment.GetEnvironmentVariable("CAIRN_CRASH_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        _output.WriteLine($"CAIRN_CRASH_SEED={seed}");
        var random = new Random(seed);

        // key -> the contents a read may find (null: absent). Acknowledged keys have exactly one.
        var expected = new Dictionary<string, List<byte[]?>>(StringComparer.Ordinal);
        var acknowledgedKeys = new List<string>();

        _server = await StartServerAsync();
        using (var s3 = _server.CreateClient())
        {
            await s3.PutBucketAsync(Bucket);
        }

        for (var round = 0; round < Rounds; round++)
        {
            var context = $"seed {seed}, round {round}";

            // The PUT that will be in flight at the kill: a new key, or (every third round) an overwrite.
            var overwrite = round % 3 == 2;
            var inFlightKey = overwrite ? acknowledgedKeys[random.Next(acknowledgedKeys.Count)] : $"in-flight/{round:D2}";
            var inFlightData = ClientTestSupport.RandomBytes(random.Next(256 * 1024, 8 * MiB + 1), random);
            var inFlightChunked = random.Next(2) == 0;
            var inFlightDuration = TimeSpan.FromMilliseconds(random.Next(300, 1500));

            // The PUT that will be acknowledged just before the kill; every other one with aws-chunked defaults.
            var acknowledgedKey = $"acknowledged/{round:D2}";
            var acknowledgedData = ClientTestSupport.RandomBytes(random.Next(3) == 0 ? random.Next(1, 8 * MiB + 1) : Sizes[random.Next(Sizes.Length)], random);
            var acknowledgedChunked = round % 2 == 0;
            var killDelay = TimeSpan.FromMilliseconds(random.Next(0, 1500));
            _output.WriteLine(
                $"round {round}: ack {acknowledgedKey} {acknowledgedData.Length} B chunked={acknowledgedChunked}; " +
                $"in flight {inFlightKey} {inFlightData.Length} B chunked={inFlightChunked} over ~{inFlightDuration.TotalMilliseconds} ms" +
                $"{(overwrite ? " (overwrite)" : string.Empty)}; kill {killDelay.TotalMilliseconds} ms after the ack");

            using var inFlightClient = _server.CreateClient(config =>
            {
                config.MaxErrorRetry = 0; // a retry must not reach the restarted server
                config.Timeout = TimeSpan.FromSeconds(60);
            });
            using var acknowledgedClient = _server.CreateClient();

            var inFlightBody = new PacedStream(inFlightData, inFlightDuration);
            var inFlight = PutAsync(inFlightClient, inFlightKey, inFlightBody, inFlightChunked);
            try
            {
                await PutAsync(acknowledgedClient, acknowledgedKey, new MemoryStream(acknowledgedData, writable: false), acknowledgedChunked);
            }
            catch (Exception e)
            {
                Assert.Fail($"{context}: PUT {acknowledgedKey} ({acknowledgedData.Length} B) failed on a healthy server: {e}\nServer output:\n{_server.Output}");
            }

            expected[acknowledgedKey] = [acknowledgedData];
            acknowledgedKeys.Add(acknowledgedKey);

            // Deliberate timing, the variable under test: the kill lands a random moment after the acknowledgement,
            // wherever the in-flight PUT happens to be by then.
            await Task.Delay(killDelay);
            var sentAtKill = inFlightBody.Sent;
            _server.Kill();
            _output.WriteLine(
                $"  killed with {sentAtKill} of {inFlightData.Length} B of the in-flight body handed to the SDK; " +
                $"{TmpFiles().Length} file(s) left in tmp");

            if (await Task.WhenAny(inFlight, Task.Delay(TimeSpan.FromSeconds(90))) != inFlight)
            {
                Assert.Fail($"{context}: the in-flight PUT did not end within 90 s of the server's SIGKILL.");
            }

            var inFlightAcknowledged = false;
            try
            {
                await inFlight;
                inFlightAcknowledged = true;
            }
            catch (Exception e)
            {
                _output.WriteLine($"  in-flight PUT interrupted: {e.GetType().Name}: {e.Message}");
            }

            if (inFlightAcknowledged)
            {
                _output.WriteLine("  in-flight PUT was acknowledged before the kill");
                expected[inFlightKey] = [inFlightData];
            }
            else
            {
                var before = expected.TryGetValue(inFlightKey, out var allowed) ? allowed : [null];
                expected[inFlightKey] = [.. before, inFlightData];
            }

            await _server.DisposeAsync();
            _server = null;
            _server = await StartServerAsync();
            await VerifyAsync(expected, context);
        }

        await AssertTmpIsSweptAsync($"seed {seed}, after the last restart");
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

    private Task<CairnServerProcess> StartServerAsync() =>
        CairnServerProcess.StartAsync(_dataDirectory, AccessKey, SecretKey, ServerEnvironment);

    private static async Task PutAsync(IAmazonS3 s3, string key, Stream body, bool chunked)
    {
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
            UseChunkEncoding = chunked,
            ContentType = "application/octet-stream",
        });
    }

    /// <summary>
    /// Reads every key and checks it holds one of its allowed contents, then pins it to what was found (a
    /// state seen after a restart must not change at the next one). The listing must agree on keys and sizes.
    /// </summary>
    private async Task VerifyAsync(Dictionary<string, List<byte[]?>> expected, string context)
    {
        using var s3 = _server!.CreateClient();
        var present = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, allowed) in expected)
        {
            byte[]? found;
            try
            {
                using var response = await s3.GetObjectAsync(Bucket, key);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer);
                found = buffer.ToArray();
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode == "NoSuchKey")
            {
                found = null;
            }
            catch (Exception e)
            {
                Assert.Fail($"{context}: reading {key} after the restart failed: {e}\nServer output:\n{_server.Output}");
                throw;
            }

            if (!allowed.Exists(candidate => Same(candidate, found)))
            {
                Assert.Fail(
                    $"{context}: after the restart {key} holds {Describe(found)}, but only " +
                    $"{string.Join(" or ", allowed.Select(Describe))} is allowed" +
                    (allowed.Count == 1 ? " (the PUT was acknowledged)." : " (absent-or-whole: never partial)."));
            }

            expected[key] = [found];
            if (found is not null)
            {
                present[key] = found.Length;
            }
        }

        var listed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in await ClientTestSupport.ListAllAsync(s3, Bucket))
        {
            listed[item.Key] = item.Size ?? -1;
        }

        Assert.True(
            present.SequenceEqual(listed),
            $"{context}: the listing after the restart disagrees with the objects read.\n" +
            $"read:   {string.Join(", ", present.Select(p => $"{p.Key}={p.Value}"))}\n" +
            $"listed: {string.Join(", ", listed.Select(p => $"{p.Key}={p.Value}"))}");
    }

    private async Task AssertTmpIsSweptAsync(string context)
    {
        var tmp = Path.Combine(_dataDirectory, "tmp");
        await Eventually.WaitAsync(() => TmpFiles().Length == 0, TimeSpan.FromSeconds(60));
        var left = TmpFiles();
        Assert.True(
            left.Length == 0,
            $"{context}: {left.Length} file(s) still in {tmp} 60 s after the restart: " +
            string.Join(", ", left.Select(f => $"{Path.GetRelativePath(tmp, f)} ({new FileInfo(f).Length} B)")) +
            $"\nServer output:\n{_server!.Output}");
    }

    private string[] TmpFiles()
    {
        var tmp = Path.Combine(_dataDirectory, "tmp");
        return Directory.Exists(tmp) ? Directory.GetFiles(tmp, "*", SearchOption.AllDirectories) : [];
    }

    private static bool Same(byte[]? a, byte[]? b) =>
        a is null || b is null ? a is null && b is null : a.AsSpan().SequenceEqual(b);

    private static string Describe(byte[]? content) =>
        content is null ? "absent" : $"{content.Length} B (md5 {Convert.ToHexStringLower(MD5.HashData(content))})";

    /// <summary>
    /// A read-only, seekable body whose asynchronous reads are paced to spread the bytes over a duration.
    /// Synchronous reads are not paced: the SDK hashes a seekable body that way before it sends it (with
    /// asynchronous reads), and only the sending is meant to be slow.
    /// </summary>
    private sealed class PacedStream(byte[] data, TimeSpan duration) : SeekableBody(data)
    {
        private readonly System.Diagnostics.Stopwatch _clock = new();

        /// <summary>How far the paced (sending) reads have got.</summary>
        public long Sent { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position == 0)
            {
                _clock.Restart();
            }

            var count = Copy(buffer.Span, Length);
            Sent = Position;
            var due = duration * ((double)Position / Math.Max(1, Length)) - _clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                // Deliberate pacing: the body is slow on purpose, so that the kill finds it mid-flight.
                await Task.Delay(due, cancellationToken);
            }

            return count;
        }
    }
}
