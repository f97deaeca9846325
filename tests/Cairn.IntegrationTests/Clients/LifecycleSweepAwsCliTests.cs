using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Cairn.Tests.Shared;
using Xunit.Abstractions;
using static Cairn.IntegrationTests.Management.ManagementClient;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Lifecycle rules acting on a real server whose lifecycle day lasts two seconds and whose sweeper runs every
/// second: rules put with the aws cli abort an upload it started and expire an object it wrote within a few seconds,
/// as ListMultipartUploads and ListObjectsV2 then show, and the sweeper's work shows in <c>/metrics</c>.
/// </summary>
public sealed class LifecycleSweepAwsCliTests(LifecycleSweepAwsCliTests.ShortDays server, ITestOutputHelper output)
    : IClassFixture<LifecycleSweepAwsCliTests.ShortDays>, IDisposable
{
    /// <summary>A rule of one day acts within two to four seconds, and a sweep follows within one more.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ClientRunner _runner = new(server, output);

    [SkippableTheory]
    [MemberData(nameof(AwsCliTests.AwsExecutables), MemberType = typeof(AwsCliTests))]
    public async Task An_upload_under_an_abort_rule_of_one_day_is_gone_from_the_upload_listing_within_seconds(string aws)
    {
        var exe = ExternalTool.Require(aws);
        var bucket = NewBucketName();
        await AwsAsync(exe, "s3api", "create-bucket", "--bucket", bucket);
        await AwsAsync(exe, "s3api", "create-multipart-upload", "--bucket", bucket, "--key", "stalled/upload.bin");
        Assert.NotEmpty(await UploadsAsync(exe, bucket));

        await PutRulesAsync(exe, bucket, """
            {"Rules": [{"ID": "abort-stalled", "Status": "Enabled", "Filter": {"Prefix": ""},
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}]}
            """);

        Assert.True(
            await Eventually.WaitAsync(async () => (await UploadsAsync(exe, bucket)).Count == 0, Patience),
            $"The upload was still listed {Patience.TotalSeconds:0} s after the rule was put.");
        var metrics = await MetricsWhenAsync(server.Host.ManagementAddress!, m => Sample(m, "cairn_lifecycle_done_total{action=\"aborted\"}") >= 1, Patience);
        Assert.NotNull(Sample(metrics, "cairn_lifecycle_due"));
    }

    [SkippableTheory]
    [MemberData(nameof(AwsCliTests.AwsExecutables), MemberType = typeof(AwsCliTests))]
    public async Task An_object_under_an_expiration_of_one_day_is_gone_from_the_listing_within_seconds_and_others_stay(string aws)
    {
        var exe = ExternalTool.Require(aws);
        var bucket = NewBucketName();
        var body = Path.Combine(_runner.Root, "body.txt");
        await File.WriteAllTextAsync(body, "expires soon");
        await AwsAsync(exe, "s3api", "create-bucket", "--bucket", bucket);
        await AwsAsync(exe, "s3api", "put-object", "--bucket", bucket, "--key", "tmp/report.txt", "--body", body);
        await AwsAsync(exe, "s3api", "put-object", "--bucket", bucket, "--key", "keep/report.txt", "--body", body);

        await PutRulesAsync(exe, bucket, """
            {"Rules": [{"ID": "expire-tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 1}}]}
            """);

        Assert.True(
            await Eventually.WaitAsync(async () => (await KeysAsync(exe, bucket)).SequenceEqual(["keep/report.txt"]), Patience),
            $"tmp/report.txt was still listed {Patience.TotalSeconds:0} s after the rule was put.");
        var metrics = await MetricsWhenAsync(server.Host.ManagementAddress!, m => Sample(m, "cairn_lifecycle_sweeps_total") >= 1, Patience);
        Assert.True(Sample(metrics, "cairn_lifecycle_done_total{action=\"expired\"}") >= 1);
        Assert.NotNull(Sample(metrics, "cairn_lifecycle_last_sweep_duration_seconds"));
    }

    public void Dispose() => _runner.Dispose();

    private async Task PutRulesAsync(string exe, string bucket, string rules)
    {
        var file = Path.Combine(_runner.Root, "lifecycle-" + bucket + ".json");
        await File.WriteAllTextAsync(file, rules);
        await AwsAsync(exe, "s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket, "--lifecycle-configuration", "file://" + file);
    }

    private async Task<List<string>> UploadsAsync(string exe, string bucket) =>
        Listed(await AwsAsync(exe, "s3api", "list-multipart-uploads", "--bucket", bucket), "Uploads", "UploadId");

    private async Task<List<string>> KeysAsync(string exe, string bucket) =>
        Listed(await AwsAsync(exe, "s3api", "list-objects-v2", "--bucket", bucket), "Contents", "Key");

    /// <summary>The <paramref name="field"/> of each entry of the listing's <paramref name="list"/>; none when the cli printed none.</summary>
    private static List<string> Listed(ProcessResult result, string list, string field)
    {
        if (string.IsNullOrWhiteSpace(result.StandardOutput))
        {
            return [];
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.TryGetProperty(list, out var entries) && entries.ValueKind == JsonValueKind.Array
            ? [.. entries.EnumerateArray().Select(entry => entry.GetProperty(field).GetString()!)]
            : [];
    }

    private async Task<ProcessResult> AwsAsync(string exe, params string[] arguments) =>
        (await _runner.AwsAsync(exe, arguments)).EnsureSuccess("aws " + string.Join(' ', arguments.Take(2)));

    private static string NewBucketName() => "lifecycle-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A server whose lifecycle day lasts two seconds and whose sweeper runs every second.</summary>
    public sealed class ShortDays : CairnServerFixture
    {
        protected override void Configure(CairnOptions options)
        {
            options.Lifecycle.DayLength = TimeSpan.FromSeconds(2);
            options.Lifecycle.Interval = TimeSpan.FromSeconds(1);
        }
    }
}
