using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Core.Objects;

/// <summary>Opens a byte range of an object, whether its content is inline or in blob segments.</summary>
public static class ObjectContent
{
    public static Stream Open(IBlobStore blobs, ObjectRecord record, long start, long length)
    {
        if (record.InlineContent is { } inline)
        {
            return new MemoryStream(inline, (int)start, (int)length, writable: false);
        }

        var stream = new SegmentReadStream(blobs, record.Segments, start, length);
        try
        {
            stream.OpenFirst();
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
