using Amazon.Runtime;
using Amazon.S3;

namespace Cairn.Samples.BrowserUpload;

/// <summary>
/// The sample app server: the page (<c>index.html</c>, its only static file) and the JSON API of
/// <see cref="UploadEndpoints"/>, talking to Cairn with AWSSDK.S3. <see cref="Build"/> is what <c>Program</c> runs,
/// and what tests host in their own process (<c>--urls=http://127.0.0.1:0</c> and the <c>Cairn:*</c> settings as
/// arguments).
/// </summary>
public static class UploadServer
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var options = builder.Configuration.GetSection(UploadOptions.SectionName).Get<UploadOptions>() ?? new UploadOptions();
        if (options.AccessKey.Length == 0 || options.SecretKey.Length == 0)
        {
            throw new InvalidOperationException("Set Cairn:AccessKey and Cairn:SecretKey (e.g. the environment variables Cairn__AccessKey, Cairn__SecretKey).");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IAmazonS3>(new AmazonS3Client(
            new BasicAWSCredentials(options.AccessKey, options.SecretKey),
            new AmazonS3Config { ServiceURL = options.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = options.Region }));
        builder.Services.AddSingleton<PostUrlSigner>();
        builder.Services.AddSingleton<UploadUrls>();

        var app = builder.Build();
        var page = Path.Combine(AppContext.BaseDirectory, "index.html");
        app.MapGet("/", () => Results.File(page, "text/html; charset=utf-8"));
        UploadEndpoints.Map(app);
        return app;
    }
}
