using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Auth;

/// <summary>
/// An independent, deliberately plain SigV4 client used to produce signed requests and aws-chunked bodies for cases
/// AWS publishes no vector for. Paths and queries passed in must already be canonical.
/// </summary>
internal static class TestSigner
{
    public const string AmzDate = "20130524T000000Z";
    public const string Scope = "20130524/us-east-1/s3/aws4_request";
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static byte[] Key()
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + AuthTestKit.Secret), "20130524");
        key = Hmac(key, "us-east-1");
        key = Hmac(key, "s3");
        return Hmac(key, "aws4_request");
    }

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Signs a request whose headers are all signed (names lower-case, in sorted order).</summary>
    public static string Sign(string method, string canonicalUri, string canonicalQuery,
        IReadOnlyList<(string Name, string Value)> headers, string payloadHash)
    {
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', headers.Select(h => h.Name))).Append('\n').Append(payloadHash);
        var stringToSign = $"AWS4-HMAC-SHA256\n{AmzDate}\n{Scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonical.ToString()))}";
        return Convert.ToHexStringLower(Hmac(Key(), stringToSign));
    }

    public static string Authorization(IReadOnlyList<(string Name, string Value)> headers, string signature) =>
        $"AWS4-HMAC-SHA256 Credential={AuthTestKit.AccessKeyId}/{Scope}, SignedHeaders={string.Join(';', headers.Select(h => h.Name))}, Signature={signature}";

    /// <summary>
    /// A PUT of <paramref name="payload"/> in aws-chunked form (mode = the x-amz-content-sha256 literal), signed with
    /// header auth at <see cref="AmzDate"/>; <paramref name="trailerFinalNewline"/> false signs the trailer text
    /// without its last '\n' (as the .NET SDK does).
    /// </summary>
    public static (HttpRequest Request, byte[] Body) StreamingPut(string mode, byte[] payload, int chunkSize,
        (string Name, string Value)? trailer = null, bool trailerFinalNewline = true)
    {
        var headers = new List<(string Name, string Value)>
        {
            ("content-encoding", "aws-chunked"),
            ("host", "localhost:9000"),
            ("x-amz-content-sha256", mode),
            ("x-amz-date", AmzDate),
            ("x-amz-decoded-content-length", payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (trailer is { } t)
        {
            headers.Add(("x-amz-trailer", t.Name));
        }

        var seed = Sign("PUT", "/bucket/key", string.Empty, headers, mode);
        var signed = mode.StartsWith("STREAMING-AWS4-HMAC-SHA256", StringComparison.Ordinal);
        var body = signed
            ? SignedChunks(seed, payload, chunkSize, trailer, trailerFinalNewline)
            : UnsignedChunks(payload, chunkSize, trailer);
        var all = headers.Append(("Authorization", Authorization(headers, seed))).ToList();
        return (AuthTestKit.Request("PUT", "/bucket/key", all, body), body);
    }

    public static byte[] SignedChunks(string seed, byte[] payload, int chunkSize, (string Name, string Value)? trailer,
        bool trailerFinalNewline = true)
    {
        var key = Key();
        var output = new MemoryStream();
        var previous = seed;
        for (var offset = 0; ; offset += chunkSize)
        {
            var length = Math.Max(0, Math.Min(chunkSize, payload.Length - offset));
            var data = length == 0 ? [] : payload.AsSpan(offset, length).ToArray();
            var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{AmzDate}\n{Scope}\n{previous}\n{EmptySha256}\n{Sha256Hex(data)}";
            previous = Convert.ToHexStringLower(Hmac(key, stringToSign));
            Write(output, $"{data.Length:x};chunk-signature={previous}\r\n");
            if (data.Length == 0)
            {
                break;
            }

            output.Write(data);
            Write(output, "\r\n");
        }

        if (trailer is { } t)
        {
            var text = $"{t.Name}:{t.Value}" + (trailerFinalNewline ? "\n" : string.Empty);
            var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{AmzDate}\n{Scope}\n{previous}\n{Sha256Hex(Encoding.UTF8.GetBytes(text))}";
            Write(output, $"{t.Name}:{t.Value}\r\nx-amz-trailer-signature:{Convert.ToHexStringLower(Hmac(key, stringToSign))}\r\n");
        }

        Write(output, "\r\n");
        return output.ToArray();
    }

    public static byte[] UnsignedChunks(byte[] payload, int chunkSize, (string Name, string Value)? trailer)
    {
        var output = new MemoryStream();
        for (var offset = 0; offset < payload.Length; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, payload.Length - offset);
            Write(output, $"{length:x}\r\n");
            output.Write(payload, offset, length);
            Write(output, "\r\n");
        }

        Write(output, "0\r\n");
        if (trailer is { } t)
        {
            Write(output, $"{t.Name}:{t.Value}\r\n");
        }

        Write(output, "\r\n");
        return output.ToArray();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static void Write(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}
