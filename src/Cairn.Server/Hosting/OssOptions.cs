namespace Cairn.Server.Hosting;

/// <summary>
/// The OSS dialect's settings (<c>Cairn:Oss</c>, docs/oss-compatibility.md). A signed request says its dialect by its
/// signature; an anonymous one cannot, so it is OSS when it arrives on an OSS listener (<see cref="Urls"/>) or names
/// a host under an OSS base domain (<see cref="Domain"/>, or <c>oss-&lt;region&gt;.aliyuncs.com</c>), and S3 otherwise.
/// </summary>
public sealed class OssOptions
{
    /// <summary>
    /// Extra listen address(es), ';'-separated, whose requests are OSS unless signed in S3's schemes; empty = none.
    /// Port 0 picks a free port.
    /// </summary>
    public string Urls { get; set; } = string.Empty;

    /// <summary>
    /// Base domain for OSS virtual-hosted addressing (<c>bucket.domain</c>); requests to it and its subdomains are
    /// OSS. Hosts shaped like Alibaba's endpoints (<c>bucket.oss-cn-hangzhou.aliyuncs.com</c>, which ali-oss sends
    /// as Host when its endpoint is an IP address) are always recognised.
    /// </summary>
    public string? Domain { get; set; }

    /// <summary>Upload callbacks (x-oss-callback).</summary>
    public OssCallbackOptions Callback { get; set; } = new();
}

/// <summary>Upload callback settings (<c>Cairn:Oss:Callback</c>, docs/oss-compatibility.md "Upload callbacks").</summary>
public sealed class OssCallbackOptions
{
    /// <summary>
    /// Host names, IP addresses or CIDR ranges (';'-separated) a callback may reach even though a built-in rule refuses
    /// them (loopback, link-local, unspecified and cloud metadata addresses); never one of <see cref="DeniedHosts"/>.
    /// Empty = only hosts no rule refuses.
    /// </summary>
    public string AllowedHosts { get; set; } = string.Empty;

    /// <summary>
    /// Further host names, IP addresses or CIDR ranges (';'-separated) callbacks may never reach, added to the
    /// built-in ones; <see cref="AllowedHosts"/> does not reopen these.
    /// </summary>
    public string DeniedHosts { get; set; } = string.Empty;

    /// <summary>
    /// The URL announced in x-oss-pub-key-url, where app servers fetch the key that verifies callbacks; null = this
    /// server's own <c>/_cairn/oss/callback-public-key.pem</c> at the address the upload arrived on.
    /// </summary>
    public string? PublicKeyUrl { get; set; }

    /// <summary>How long the app server has to answer (OSS: 5 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
