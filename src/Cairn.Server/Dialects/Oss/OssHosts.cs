namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// The host names that address OSS: the configured base domain (<c>Cairn:Oss:Domain</c>) and Alibaba's endpoint
/// shape, <c>oss-&lt;region&gt;[-internal].aliyuncs.com</c>. ali-oss sends <c>Host: bucket.oss-cn-hangzhou.aliyuncs.com</c>
/// when its endpoint is an IP address, so such a host is virtual-hosted style whatever Cairn's own domain is.
/// </summary>
internal sealed class OssHosts(string? domain)
{
    private const string AlibabaSuffix = ".aliyuncs.com";

    /// <summary>The base domain <paramref name="host"/> ("name[:port]") sits under, or null when none of OSS's.</summary>
    public string? BaseDomainOf(string? host)
    {
        var name = NameOf(host);
        if (name.Length == 0)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(domain)
            && (name.Equals(domain, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase)))
        {
            return domain;
        }

        if (!name.EndsWith(AlibabaSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // "[bucket.]oss-<region>.aliyuncs.com": the endpoint is the last label starting with "oss-" and what follows
        // (searched from the right: a bucket's own name may start with "oss-").
        var labels = name.Split('.');
        for (var i = labels.Length - 3; i >= 0; i--)
        {
            if (labels[i].StartsWith("oss-", StringComparison.OrdinalIgnoreCase) || labels[i].Equals("oss", StringComparison.OrdinalIgnoreCase))
            {
                return string.Join('.', labels[i..]);
            }
        }

        return null;
    }

    private static string NameOf(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return string.Empty;
        }

        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.EndsWith(']') ? host[..colon] : host;
    }
}
