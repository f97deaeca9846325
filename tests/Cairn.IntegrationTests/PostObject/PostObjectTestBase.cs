using System.Net;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.PostObject;

/// <summary>
/// Browser form uploads against a real server: forms built and signed by <see cref="PostFormBuilder"/>, posted by a
/// plain <see cref="HttpClient"/> that does not follow redirects (so a 303 is seen as the browser would get it).
/// </summary>
public abstract class PostObjectTestBase : SdkTestBase
{
    protected PostObjectTestBase(CairnServerFixture fixture)
        : base(fixture)
    {
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };
    }

    protected HttpClient Http { get; }

    /// <summary>A form signed with the root user's key.</summary>
    protected PostFormBuilder Form(PostSigning signing = PostSigning.SigV4) => new(Fixture.AccessKey, Fixture.SecretKey, signing);

    /// <summary>A form that may upload under <c>uploads/</c> of <paramref name="bucket"/>, with its key field.</summary>
    protected PostFormBuilder FormFor(string bucket, string key = "uploads/a.bin", PostSigning signing = PostSigning.SigV4)
    {
        var form = Form(signing).Field("key", key);
        form.Conditions.Add($"{{\"bucket\": \"{bucket}\"}}");
        form.Conditions.Add("[\"starts-with\", \"$key\", \"uploads/\"]");
        return form;
    }

    protected Task<HttpResponseMessage> PostAsync(string bucket, HttpContent form) => Http.PostAsync(bucket, form);

    /// <summary>Asserts an error answer (status, code) and that the message says <paramref name="message"/>.</summary>
    protected static async Task<XElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? message = null)
    {
        var error = await S3Assert.ErrorAsync(response, status, code);
        if (message is not null)
        {
            Assert.Equal(message, error.Element("Message")?.Value);
        }

        return error;
    }

    /// <summary>Nothing at all is stored in <paramref name="bucket"/>.</summary>
    protected async Task AssertEmptyAsync(string bucket) => Assert.Empty(await ListAllKeysAsync(bucket));

    public override async Task DisposeAsync()
    {
        Http.Dispose();
        await base.DisposeAsync();
    }
}
