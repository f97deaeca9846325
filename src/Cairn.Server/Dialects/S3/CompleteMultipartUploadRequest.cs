using System.Globalization;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Multipart;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>Parses the CompleteMultipartUpload body: Part elements with PartNumber, ETag and optional Checksum* values.</summary>
internal static class CompleteMultipartUploadRequest
{
    public static async Task<IReadOnlyList<CompletePart>> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var document = await S3Xml.ReadDocumentAsync(body, maxBytes, "CompleteMultipartUpload", cancellationToken);

        var parts = new List<CompletePart>();
        foreach (var part in document.Children("Part"))
        {
            var numberText = part.ChildValue("PartNumber");
            var etag = part.ChildValue("ETag");
            if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || etag is null)
            {
                throw new CairnException(ErrorCode.MalformedXML);
            }

            var checksums = new Dictionary<ChecksumAlgorithm, string>();
            foreach (var algorithm in ChecksumAlgorithms.Amz)
            {
                if (part.ChildValue("Checksum" + algorithm.XmlName()) is { Length: > 0 } value)
                {
                    checksums[algorithm] = value;
                }
            }

            parts.Add(new CompletePart(number, etag, checksums));
        }

        return parts;
    }
}
