using Cairn.IntegrationTests.Infrastructure;
using Cairn.Samples.BrowserUpload;
using Microsoft.AspNetCore.Builder;

namespace Cairn.BrowserTests.Infrastructure;

/// <summary>
/// The sample app server of samples/browser-upload, hosted in the test process on its own free port, so that the
/// page it serves has another origin than Cairn's.
/// </summary>
public sealed class SampleServer : IAsyncDisposable
{
    public const string Prefix = "uploads/";

    private readonly WebApplication _app;

    private SampleServer(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Urls.Single());
    }

    /// <summary>Where the page is (its origin is this without the trailing slash).</summary>
    public Uri Address { get; }

    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    public static async Task<SampleServer> StartAsync(CairnServerFixture cairn, string bucket, long partSize)
    {
        var app = UploadServer.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--Cairn:ServiceUrl={cairn.BaseAddress}",
            $"--Cairn:AccessKey={cairn.AccessKey}",
            $"--Cairn:SecretKey={cairn.SecretKey}",
            $"--Cairn:Bucket={bucket}",
            $"--Cairn:Prefix={Prefix}",
            $"--Cairn:PartSize={partSize}",
        ]);
        await app.StartAsync();
        return new SampleServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
