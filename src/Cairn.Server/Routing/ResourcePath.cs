using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Server.Routing;

/// <summary>
/// Bucket and key of a request, taken from the raw request target (never ASP.NET's decoded path, which
/// loses '%2F' and other distinctions) and, in virtual-hosted style, from the Host header.
/// </summary>
internal sealed record ResourcePath(string? Bucket, string? Key, bool VirtualHosted)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>The S3 resource string used in error bodies ("/bucket/key").</summary>
    public string Resource => Bucket is null ? "/" : Key is null ? "/" + Bucket : "/" + Bucket + "/" + Key;

    public static ResourcePath Parse(string rawTarget, string? host, string? domain)
    {
        var path = rawTarget;
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute-form request target: keep only the path.
            var afterScheme = path.IndexOf("//", StringComparison.Ordinal) + 2;
            var slash = path.IndexOf('/', afterScheme);
            path = slash < 0 ? "/" : path[slash..];
        }

        var query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }

        if (path.Length == 0 || path[0] != '/')
        {
            path = "/" + path;
        }

        var hostBucket = BucketFromHost(host, domain);
        if (hostBucket is not null)
        {
            var key = path.Length > 1 ? Decode(path[1..]) : null;
            return new ResourcePath(hostBucket, key, true);
        }

        var rest = path[1..];
        if (rest.Length == 0)
        {
            return new ResourcePath(null, null, false);
        }

        var slashIndex = rest.IndexOf('/');
        if (slashIndex < 0)
        {
            return new ResourcePath(Decode(rest), null, false);
        }

        var bucket = Decode(rest[..slashIndex]);
        var keyPart = rest[(slashIndex + 1)..];
        return new ResourcePath(bucket, keyPart.Length == 0 ? null : Decode(keyPart), false);
    }

    /// <summary>"bucket.domain[:port]" → bucket; the bare domain or any other host → null (path-style).</summary>
    private static string? BucketFromHost(string? host, string? domain)
    {
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(domain))
        {
            return null;
        }

        var colon = host.LastIndexOf(':');
        var name = colon > 0 && !host.EndsWith(']') ? host[..colon] : host;
        var suffix = "." + domain;
        return name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? name[..^suffix.Length].ToLowerInvariant()
            : null;
    }

    /// <summary>Percent-decodes to bytes and then strictly to UTF-8; '+' stays '+' in paths.</summary>
    public static string Decode(string text)
    {
        if (!text.Contains('%'))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length
                && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "The request path is not valid UTF-8 after percent-decoding.");
        }
    }
}
