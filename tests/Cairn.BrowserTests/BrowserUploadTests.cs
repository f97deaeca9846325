using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.BrowserTests.Infrastructure;
using Cairn.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Cairn.BrowserTests;

/// <summary>
/// The sample uploader page (samples/browser-upload) in a real browser: served by the sample app server on one port,
/// uploading with presigned URLs to Cairn on another, so every request to Cairn crosses origins and is let through
/// by the bucket's CORS rule. A reload in the middle resumes from the parts Cairn already has; a failed part is
/// tried again; the stored object is the file, byte for byte.
/// </summary>
public sealed class BrowserUploadTests(CairnServerFixture cairn, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<CairnServerFixture>, IClassFixture<ChromiumFixture>, IDisposable
{
    private const long PartSize = 5 * 1024 * 1024;
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromMinutes(5);

    private readonly AmazonS3Client _s3 = cairn.CreateClient();

    [SkippableFact]
    public async Task A_64_MiB_upload_interrupted_by_a_reload_resumes_from_the_parts_on_the_server()
    {
        var browser = chromium.Browser;
        using var file = RandomFile.Create(64L * 1024 * 1024);
        var bucket = await CreateBucketAsync("browser-resume");
        await using var sample = await SampleServer.StartAsync(cairn, bucket, PartSize);
        await AllowOriginAsync(bucket, sample.Origin);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // Three parts reach Cairn, the others wait forever; then the page is reloaded under them.
        var gate = new PartGate(passing: 3);
        await gate.InstallAsync(page);
        await page.GotoAsync(sample.Address.ToString());
        await page.SetInputFilesAsync("#file", file.Path);
        await page.ClickAsync("#start");
        await Expect(page.Locator("#parts li[data-state=done]")).ToHaveCountAsync(3, new() { Timeout = (float)UploadTimeout.TotalMilliseconds });
        await page.ReloadAsync();
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        var beforeReload = gate.Passed;

        var resumed = new PartRequests();
        resumed.Watch(page);
        await Expect(page.Locator("#resume")).ToBeVisibleAsync();
        await page.SetInputFilesAsync("#file", file.Path);
        await Expect(page.Locator("#start")).ToHaveTextAsync("Resume");
        await page.ClickAsync("#start");
        await ExpectDoneAsync(page);

        const int partCount = 13; // 64 MiB in parts of 5 MiB
        Assert.True(resumed.ListParts >= 1, "after the reload the page asks Cairn which parts it has");
        Assert.Equal(3, await page.Locator("#parts li[data-state=found]").CountAsync());
        Assert.Empty(resumed.Puts.Intersect(beforeReload));
        Assert.Equal(resumed.Puts.Count, resumed.Puts.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, partCount), beforeReload.Concat(resumed.Puts).Order());
        await AssertStoredAsync(page, bucket, file);
        await SaveScreenshotAsync(page, "resumed-upload.png");
    }

    [SkippableFact]
    public async Task A_part_that_fails_once_is_uploaded_again_and_the_upload_completes()
    {
        var browser = chromium.Browser;
        using var file = RandomFile.Create(12L * 1024 * 1024);
        var bucket = await CreateBucketAsync("browser-retry");
        await using var sample = await SampleServer.StartAsync(cairn, bucket, PartSize);
        await AllowOriginAsync(bucket, sample.Origin);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // The first PUT of part 2 is answered 500 without reaching Cairn; every other request goes through.
        var attempts = new PartRequests();
        attempts.Watch(page);
        var failed = 0;
        await page.RouteAsync(
            url => PartRequests.PartNumber(url) == 2,
            route => Interlocked.Exchange(ref failed, 1) == 0
                ? route.FulfillAsync(new() { Status = 500, ContentType = "application/xml", Body = "<Error><Code>InternalError</Code></Error>" })
                : route.ContinueAsync());
        await page.GotoAsync(sample.Address.ToString());
        await page.SetInputFilesAsync("#file", file.Path);
        await page.ClickAsync("#start");
        await ExpectDoneAsync(page);

        Assert.Equal([1, 2, 2, 3], attempts.Puts.Order());
        await AssertStoredAsync(page, bucket, file);
    }

    [SkippableFact]
    public async Task Abort_stops_the_upload_deletes_it_on_the_server_and_forgets_it()
    {
        var browser = chromium.Browser;
        using var file = RandomFile.Create(12L * 1024 * 1024);
        var bucket = await CreateBucketAsync("browser-abort");
        await using var sample = await SampleServer.StartAsync(cairn, bucket, PartSize);
        await AllowOriginAsync(bucket, sample.Origin);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await new PartGate(passing: 1).InstallAsync(page);
        await page.GotoAsync(sample.Address.ToString());
        await page.SetInputFilesAsync("#file", file.Path);
        await page.ClickAsync("#start");
        await Expect(page.Locator("#parts li[data-state=done]")).ToHaveCountAsync(1, new() { Timeout = (float)UploadTimeout.TotalMilliseconds });
        Assert.Single((await _s3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
        await page.ClickAsync("#abort");

        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "aborted");
        Assert.Empty((await _s3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
        await page.ReloadAsync();
        await Expect(page.Locator("#resume")).ToBeHiddenAsync();
    }

    private static async Task ExpectDoneAsync(IPage page) =>
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = (float)UploadTimeout.TotalMilliseconds });

    /// <summary>The object is the file (MD5 of what Cairn returns), and the page shows its ETag.</summary>
    private async Task AssertStoredAsync(IPage page, string bucket, RandomFile file)
    {
        var key = await page.Locator("#key").TextContentAsync();
        Assert.StartsWith(SampleServer.Prefix, key, StringComparison.Ordinal);
        using var response = await _s3.GetObjectAsync(bucket, key);
        Assert.Equal(file.Md5, Convert.ToHexStringLower(await MD5.HashDataAsync(response.ResponseStream)));
        Assert.Equal(response.ETag, await page.Locator("#etag").TextContentAsync());
        Assert.Empty((await _s3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
    }

    private async Task<string> CreateBucketAsync(string hint)
    {
        var name = $"{hint}-{Guid.NewGuid():N}"[..Math.Min(63, hint.Length + 13)];
        await _s3.PutBucketAsync(name);
        return name;
    }

    /// <summary>The CORS rule the sample's README asks for: the page's origin may upload, and read every ETag.</summary>
    private Task AllowOriginAsync(string bucket, string origin) =>
        _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration
            {
                Rules =
                [
                    new CORSRule
                    {
                        AllowedOrigins = [origin],
                        AllowedMethods = ["GET", "PUT", "POST", "DELETE"],
                        AllowedHeaders = ["*"],
                        ExposeHeaders = ["ETag"],
                        MaxAgeSeconds = 3000,
                    },
                ],
            },
        });

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        var path = Artifacts.PathFor(name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    public void Dispose() => _s3.Dispose();
}
