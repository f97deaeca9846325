using System.Net;
using System.Text;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Oss.OssTestKit;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// A callback an OSS client asks for badly is refused in OSS's error document before anything is stored: not base64,
/// not JSON, a body template naming a variable nobody defines, a target the safety rules refuse.
/// </summary>
public sealed class OssCallbackInputTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private readonly RawOssClient _oss;

    public OssCallbackInputTests(CairnServerFixture fixture)
        : base(fixture)
    {
        _oss = new RawOssClient(fixture);
    }

    public static TheoryData<string, string> BadCallbacks => new()
    {
        { "not base64", "%%%" },
        { "not JSON", Base64("{\"callbackUrl\": \"http://203.0.113.9/cb\", ") },
        { "no callbackBody", Base64("""{"callbackUrl":"http://203.0.113.9/cb"}""") },
        { "an unknown variable", Base64("""{"callbackUrl":"http://203.0.113.9/cb","callbackBody":"object=${object}&who=${nobody}"}""") },
        { "an undeclared custom variable", Base64("""{"callbackUrl":"http://203.0.113.9/cb","callbackBody":"v=${x:missing}"}""") },
        { "a cloud metadata address", Base64("""{"callbackUrl":"http://169.254.169.254/latest","callbackBody":"object=${object}"}""") },
        { "a loopback address nobody allowed", Base64("""{"callbackUrl":"http://127.0.0.1:9/cb","callbackBody":"object=${object}"}""") },
    };

    [Theory]
    [MemberData(nameof(BadCallbacks))]
    public async Task A_bad_callback_is_InvalidArgument_in_OSS_form_and_nothing_is_stored(string why, string callback)
    {
        var bucket = await CreateBucketAsync("oss-callback-input");

        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k.txt"), "content"u8.ToArray(),
            r => r.Headers.TryAddWithoutValidation("x-oss-callback", callback));

        Assert.True(put.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        var error = await DocumentAsync(put);
        Assert.Equal("InvalidArgument", error.Element("Code")!.Value);
        Assert.False(string.IsNullOrEmpty(error.Element("EC")?.Value), why);
        Assert.NotNull(Header(put, "x-oss-request-id"));
        Assert.False(await ExistsAsync(bucket, "k.txt"), why);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
