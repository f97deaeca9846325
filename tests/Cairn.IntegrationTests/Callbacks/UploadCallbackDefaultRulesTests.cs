using System.Net;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Callbacks;

/// <summary>
/// A server with the default callback rules: a callback to loopback (here the app server on 127.0.0.1, which
/// <c>Cairn:Oss:Callback:AllowedHosts</c> does not name) is refused before anything is stored, and the app server is
/// never called.
/// </summary>
public sealed class UploadCallbackDefaultRulesTests(CairnServerFixture fixture) : CallbackTestBase(fixture), IClassFixture<CairnServerFixture>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_callback_to_loopback_is_400_InvalidArgument_and_nothing_is_stored(string host)
    {
        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-default");
        var url = new UriBuilder(app.Address) { Host = host }.Uri.ToString();

        using var response = await PutWithCallbackAsync(bucket, "k", "x"u8.ToArray(), Callback(url, "o=${object}"));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains("a loopback address", error.Element("Message")?.Value, StringComparison.Ordinal);
        Assert.False(await ExistsAsync(bucket, "k"));
        Assert.Empty(app.Received);
    }
}
