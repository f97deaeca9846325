using System.Globalization;
using System.Xml.Linq;

namespace Cairn.Client.Sharing;

/// <summary>
/// The XML body of CompleteMultipartUpload: each part's number and the ETag its UploadPart answered, in part order.
/// Whoever uploads through presigned URLs has to send it without an SDK, so its shape is made (and shown) here.
/// </summary>
public static class CompleteMultipartUploadBody
{
    private static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>The body for <paramref name="parts"/> (part number, ETag as answered, quotes included or not).</summary>
    public static string Create(IEnumerable<(int PartNumber, string ETag)> parts) =>
        new XElement(Ns + "CompleteMultipartUpload",
            parts.OrderBy(p => p.PartNumber).Select(p => new XElement(Ns + "Part",
                new XElement(Ns + "PartNumber", p.PartNumber.ToString(CultureInfo.InvariantCulture)),
                new XElement(Ns + "ETag", p.ETag)))).ToString(SaveOptions.DisableFormatting);

    /// <summary>The body's shape for <paramref name="partCount"/> parts, each ETag a placeholder to fill in.</summary>
    public static string Template(int partCount) =>
        Create(Enumerable.Range(1, partCount).Select(n => (n, $"ETag of part {n.ToString(CultureInfo.InvariantCulture)}")));
}
