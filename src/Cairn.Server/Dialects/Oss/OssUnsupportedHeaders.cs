using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// x-oss-* request headers that ask for an OSS feature Cairn does not have (docs/oss-compatibility.md "Operations"):
/// each answers 501 NotImplemented naming the header, before anything is read or stored, except the values that ask
/// for what Cairn does anyway (locally redundant storage, no WORM). A throttle
/// (x-oss-traffic-limit) is refused too: a client that asks for one relies on it.
/// <c>x-oss-request-payer</c> is accepted, as the S3 dialect accepts its twin: there is no billing to shift.
/// </summary>
internal static class OssUnsupportedHeaders
{
    private static readonly UnsupportedHeaderTable Rules = new(OssHeaders.Prefix, new (string Header, string Feature, string[] Defaults)[]
    {
        (OssHeaders.ServerSideEncryption, "server-side encryption", []),
        ("x-oss-server-side-encryption-key-id", "server-side encryption with KMS", []),
        ("x-oss-server-side-data-encryption", "server-side encryption with KMS", []),
        ("x-oss-server-side-encryption-customer-algorithm", "server-side encryption with customer keys", []),
        ("x-oss-server-side-encryption-customer-key", "server-side encryption with customer keys", []),
        ("x-oss-server-side-encryption-customer-key-md5", "server-side encryption with customer keys", []),
        ("x-oss-traffic-limit", "single-connection bandwidth limits", []),
        ("x-oss-data-redundancy-type", "zone-redundant storage", ["LRS"]),
        ("x-oss-bucket-worm-enabled", "retention policies (WORM)", ["false"]),
        ("x-oss-object-worm-mode", "retention policies (WORM)", []),
        ("x-oss-object-worm-retain-until-date", "retention policies (WORM)", []),
        ("x-oss-symlink-target", "symbolic links", []),
        ("x-oss-process", "data processing", []),
    });

    /// <summary>Throws NotImplemented for the first header that asks for a missing feature.</summary>
    public static void Check(IHeaderDictionary headers) => Rules.Check(headers);
}
