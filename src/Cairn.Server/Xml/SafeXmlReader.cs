using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;

namespace Cairn.Server.Xml;

/// <summary>
/// Reads a small XML control document (DeleteObjects, CompleteMultipartUpload, CreateBucketConfiguration) with a
/// server-side size cap, DTDs prohibited and a nesting limit; anything malformed, oversized or too deep is
/// MalformedXML. The tree is built here, element by element, instead of by <see cref="XElement.Load(XmlReader)"/>,
/// whose cost grows with the square of the nesting depth (100,000 levels took 15 s): every document up to the cap
/// is parsed or refused in linear time. Attributes are counted before the XML reader sees the document: S3's
/// control documents carry namespace declarations and an ACL grantee's <c>xsi:type</c> at most, while 2 MiB of
/// attributes cost the reader most of a second. Attributes other than namespace declarations are kept on the tree.
/// </summary>
internal static class SafeXmlReader
{
    /// <summary>S3's control documents nest a few levels; 32 leaves room for every one of them.</summary>
    public const int MaxDepth = 32;

    /// <summary>Namespace declarations are the only attributes S3's documents use; 16 is plenty for those.</summary>
    public const int MaxAttributesPerElement = 16;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Character references XML 1.0 forbids (&#x1;) are accepted, so a key stored before such keys were refused
        // can still be named in a DeleteObjects request.
        CheckCharacters = false,
    };

    /// <summary>Reads the whole document (the caller checks its root: each dialect names its own).</summary>
    public static async Task<XElement> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > maxBytes)
            {
                throw new CairnException(ErrorCode.MalformedXML, "The XML you provided was larger than the maximum allowed size.");
            }

            buffer.Write(chunk, 0, read);
        }

        CheckAttributeCounts(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Position = 0;
        try
        {
            using var reader = XmlReader.Create(buffer, Settings);
            return Build(reader);
        }
        catch (XmlException e)
        {
            throw new CairnException(ErrorCode.MalformedXML, null, e);
        }
    }

    /// <summary>Child elements in the parent's namespace (the document's, whichever of the two allowed it uses).</summary>
    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements(element.Name.Namespace + localName);

    /// <summary>The text of the one child called <paramref name="localName"/>; null when absent, MalformedXML when repeated.</summary>
    public static string? ChildValue(this XElement element, string localName)
    {
        string? value = null;
        foreach (var child in element.Children(localName))
        {
            if (value is not null)
            {
                throw new CairnException(ErrorCode.MalformedXML,
                    $"The XML you provided was not well-formed or did not validate against our published schema: {element.Name.LocalName} has more than one {localName}.");
            }

            value = child.Value;
        }

        return value;
    }

    /// <summary>
    /// One linear pass over the raw bytes counting the '=' of each start tag outside quoted values (comments,
    /// CDATA sections and processing instructions skipped): more than <see cref="MaxAttributesPerElement"/> is
    /// MalformedXML. Anything else malformed is left to the XML reader.
    /// </summary>
    private static void CheckAttributeCounts(ReadOnlySpan<byte> document)
    {
        var i = 0;
        while (i < document.Length)
        {
            var open = document[i..].IndexOf((byte)'<');
            if (open < 0)
            {
                return;
            }

            i += open + 1;
            var rest = document[i..];
            var skipTo = rest.StartsWith("!--"u8) ? "-->"u8
                : rest.StartsWith("![CDATA["u8) ? "]]>"u8
                : rest.StartsWith("?"u8) ? "?>"u8
                : default;
            if (!skipTo.IsEmpty)
            {
                var end = rest.IndexOf(skipTo);
                i = end < 0 ? document.Length : i + end + skipTo.Length;
                continue;
            }

            i += CountTagAttributes(rest);
        }
    }

    /// <summary>Walks one tag up to its '&gt;' (outside quotes); returns the bytes it spans.</summary>
    private static int CountTagAttributes(ReadOnlySpan<byte> tag)
    {
        byte quote = 0;
        var attributes = 0;
        for (var i = 0; i < tag.Length; i++)
        {
            var b = tag[i];
            if (quote != 0)
            {
                quote = b == quote ? (byte)0 : quote;
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                quote = b;
            }
            else if (b == '>')
            {
                return i + 1;
            }
            else if (b == '=' && ++attributes > MaxAttributesPerElement)
            {
                throw new CairnException(ErrorCode.MalformedXML,
                    $"The XML you provided has an element with more than {MaxAttributesPerElement} attributes.");
            }
        }

        return tag.Length;
    }

    private static XElement Build(XmlReader reader)
    {
        XElement? root = null;
        var open = new Stack<XElement>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (open.Count >= MaxDepth)
                    {
                        throw new CairnException(ErrorCode.MalformedXML,
                            $"The XML you provided nests elements deeper than {MaxDepth} levels.");
                    }

                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    CopyAttributes(reader, element);
                    if (open.TryPeek(out var parent))
                    {
                        parent.Add(element);
                    }
                    else
                    {
                        root = element;
                    }

                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }

                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (open.TryPeek(out var owner))
                    {
                        owner.Add(new XText(reader.Value));
                    }

                    break;
            }
        }

        return root ?? throw new XmlException("The document has no root element.");
    }

    /// <summary>
    /// The element's attributes other than namespace declarations (an ACL grantee says its kind in
    /// <c>xsi:type</c>); their number is already bounded by <see cref="CheckAttributeCounts"/>.
    /// </summary>
    private static void CopyAttributes(XmlReader reader, XElement element)
    {
        while (reader.MoveToNextAttribute())
        {
            if (reader.NamespaceURI != XNamespace.Xmlns.NamespaceName)
            {
                element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
            }
        }

        reader.MoveToElement();
    }
}
