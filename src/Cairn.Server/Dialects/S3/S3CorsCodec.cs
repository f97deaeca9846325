using System.Globalization;
using System.Xml.Linq;
using Cairn.Core.Cors;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// Put/GetBucketCors in S3's spelling: the CORSConfiguration document in (at most 64 KB, its integrity checked as
/// it is read) and out. Each CORSRule holds ID, AllowedOrigin, AllowedMethod, AllowedHeader, ExposeHeader and
/// MaxAgeSeconds; what the values may be is <see cref="CorsValidation"/>'s to decide.
/// </summary>
internal static class S3CorsCodec
{
    /// <summary>S3 limits the CORS document to 64 KB.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    private const string Root = "CORSConfiguration";

    public static async Task<CorsConfiguration> ReadAsync(OperationRequest r)
    {
        // New SDKs send x-amz-checksum-crc32 instead of Content-MD5 (docs/s3-compatibility.md "Checksums"): either is verified, neither required.
        var integrity = ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth);
        var body = new VerifyingReadStream(r.OpenBody(), integrity);
        var document = await S3Xml.ReadDocumentAsync(body, MaxDocumentBytes, Root, r.Aborted);
        return CorsValidation.Validate(ReadRules(document));
    }

    /// <summary>The rules of a CORSConfiguration document, as written (unchecked but for the XML's own shape).</summary>
    public static List<CorsRule> ReadRules(XElement document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Children("CORSRule").Select(ReadRule).ToList();
    }

    public static Task WriteAsync(OperationRequest r, CorsConfiguration configuration) =>
        S3Xml.WriteAsync(r.Response, Root, xml => WriteRules(xml, configuration), r.Aborted);

    /// <summary>One CORSRule element per rule (the OSS dialect spells its rules with the same elements).</summary>
    public static void WriteRules(System.Xml.XmlWriter xml, CorsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var rule in configuration.Rules)
        {
            xml.Start("CORSRule");
            xml.Element("ID", rule.Id);
            Elements(xml, "AllowedHeader", rule.AllowedHeaders);
            Elements(xml, "AllowedMethod", rule.AllowedMethods);
            Elements(xml, "AllowedOrigin", rule.AllowedOrigins);
            Elements(xml, "ExposeHeader", rule.ExposeHeaders);
            if (rule.MaxAgeSeconds is { } maxAge)
            {
                xml.Element("MaxAgeSeconds", maxAge);
            }

            xml.WriteEndElement();
        }
    }

    private static CorsRule ReadRule(XElement rule) => new(
        rule.ChildValue("ID"),
        Values(rule, "AllowedOrigin"),
        Values(rule, "AllowedMethod"),
        Values(rule, "AllowedHeader"),
        Values(rule, "ExposeHeader"),
        ReadMaxAge(rule.ChildValue("MaxAgeSeconds")));

    private static List<string> Values(XElement rule, string name) => rule.Children(name).Select(e => e.Value).ToList();

    private static int? ReadMaxAge(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new CairnException(ErrorCode.MalformedXML,
                "The XML you provided was not well-formed or did not validate against our published schema: MaxAgeSeconds must be a whole number of seconds.");
    }

    private static void Elements(System.Xml.XmlWriter xml, string name, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            xml.Element(name, value);
        }
    }
}
