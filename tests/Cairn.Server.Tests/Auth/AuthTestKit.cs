using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.S3.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Server.Tests.Auth;

/// <summary>Request builders and the AWS example credentials shared by the auth tests.</summary>
internal static class AuthTestKit
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>The instant of AWS's SigV4 examples (x-amz-date 20130524T000000Z).</summary>
    public static readonly DateTimeOffset ExampleTime = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    public static RequestAuthenticator Authenticator(DateTimeOffset now) =>
        Authenticator(new TestIdentityStore((AccessKeyId, Secret)), new FakeTimeProvider(now));

    /// <summary>An authenticator over <paramref name="identities"/>, built as the server builds it.</summary>
    public static RequestAuthenticator Authenticator(IIdentityStore identities, TimeProvider time) =>
        new(new AccessKeyResolver(identities, time), new SigningKeyCache(), time);

    /// <summary>
    /// Authenticates against the in-memory test store, whose lookups complete at once: failures surface as the
    /// CairnException thrown by this call, as the tests' Throws expects.
    /// </summary>
    public static AuthResult Authenticate(this RequestAuthenticator authenticator, HttpRequest request, string? virtualHostBucket) =>
        authenticator.AuthenticateAsync(request, virtualHostBucket, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The GET of AWS's SigV4 header example (with a Range header), carrying <paramref name="signature"/>.</summary>
    public static HttpRequest GetObject(string signature) => Request("GET", "/test.txt",
    [
        ("Host", "examplebucket.s3.amazonaws.com"),
        ("Range", "bytes=0-9"),
        ("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("x-amz-date", "20130524T000000Z"),
        ("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature={signature}"),
    ]);

    /// <summary>A request as Kestrel would present it: raw target, headers as sent, body.</summary>
    public static HttpRequest Request(string method, string rawTarget, IEnumerable<(string Name, string Value)> headers, byte[]? body = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        var question = rawTarget.IndexOf('?');
        request.Path = question < 0 ? rawTarget : rawTarget[..question];
        request.QueryString = question < 0 ? QueryString.Empty : new QueryString(rawTarget[question..]);
        foreach (var (name, value) in headers)
        {
            request.Headers.Append(name, value);
        }

        request.Body = new MemoryStream(body ?? []);
        return request;
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream, int bufferSize = 81920)
    {
        var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory())) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    public static CairnException Throws(ErrorCode expected, Action action)
    {
        var ex = Assert.Throws<CairnException>(action);
        Assert.Equal(expected, ex.Code);
        return ex;
    }

    public static async Task<CairnException> ThrowsAsync(ErrorCode expected, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<CairnException>(action);
        Assert.Equal(expected, ex.Code);
        return ex;
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Repeat(char c, int count) => Enumerable.Repeat((byte)c, count).ToArray();
}
