using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Server.Http;

namespace Cairn.Server.Tests.Http;

/// <summary>GET/HEAD ?partNumber=N and Range (docs/s3-compatibility.md "Parts and ranges on GET and HEAD").</summary>
public class ObjectSliceTests
{
    // Parts 1, 2, 3 of 5 MiB, 5 MiB and 1 KiB.
    private const long Mib5 = 5 * 1024 * 1024;

    private static readonly ObjectRecord Multipart = Record(
        partsCount: 3,
        new Segment("blob1", 0, Mib5, PartNumber: 1),
        new Segment("blob2", 0, Mib5, PartNumber: 2),
        new Segment("blob3", 0, 1024, PartNumber: 3));

    // Complete listed only parts 1 and 3 (sparse numbering).
    private static readonly ObjectRecord Sparse = Record(
        partsCount: 2,
        new Segment("blob1", 0, 100, PartNumber: 1),
        new Segment("blob3", 0, 30, PartNumber: 3));

    // Part 2 stored as two segments (e.g. a part written in two blobs).
    private static readonly ObjectRecord SplitPart = Record(
        partsCount: 3,
        new Segment("blob1", 0, 10, PartNumber: 1),
        new Segment("blob2a", 0, 7, PartNumber: 2),
        new Segment("blob2b", 0, 5, PartNumber: 2),
        new Segment("blob3", 0, 3, PartNumber: 3));

    private static readonly ObjectRecord Single = Record(partsCount: null, new Segment("blob", 0, 1000));

    [Theory]
    [InlineData("1", 0, Mib5)]
    [InlineData("2", Mib5, Mib5)]
    [InlineData("3", 2 * Mib5, 1024)]
    public void A_part_number_of_a_multipart_object_selects_that_part_and_reports_the_parts_count(string partNumber, long start, long length)
    {
        var (range, partsCount) = ObjectSlice.Resolve(Multipart, partNumber, null);

        Assert.Equal(new ByteRange(start, length), range);
        Assert.Equal(3, partsCount);
    }

    [Theory]
    [InlineData("1", 0, 100)]
    [InlineData("3", 100, 30)]
    public void Part_numbers_are_the_ones_used_at_complete_even_when_sparse(string partNumber, long start, long length)
    {
        var (range, partsCount) = ObjectSlice.Resolve(Sparse, partNumber, null);

        Assert.Equal(new ByteRange(start, length), range);
        Assert.Equal(2, partsCount);
    }

    [Theory]
    [InlineData("1", 0, 10)]
    [InlineData("2", 10, 12)]
    [InlineData("3", 22, 3)]
    public void A_part_made_of_several_segments_is_returned_whole(string partNumber, long start, long length)
    {
        Assert.Equal(new ByteRange(start, length), ObjectSlice.Resolve(SplitPart, partNumber, null).Range);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("10000")]
    public void A_part_number_above_the_parts_count_is_an_invalid_part(string partNumber)
    {
        var error = Assert.Throws<CairnException>(() => ObjectSlice.Resolve(Multipart, partNumber, null));

        Assert.Equal(ErrorCode.InvalidPart, error.Code);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    public void A_part_number_skipped_at_complete_is_an_invalid_part(string partNumber)
    {
        var error = Assert.Throws<CairnException>(() => ObjectSlice.Resolve(Sparse, partNumber, null));

        Assert.Equal(ErrorCode.InvalidPart, error.Code);
    }

    [Fact]
    public void Part_one_of_a_non_multipart_object_is_the_whole_object_without_a_parts_count()
    {
        var (range, partsCount) = ObjectSlice.Resolve(Single, "1", null);

        Assert.Equal(new ByteRange(0, 1000), range);
        Assert.Null(partsCount);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("10000")]
    public void Any_other_part_of_a_non_multipart_object_is_an_invalid_part(string partNumber)
    {
        var error = Assert.Throws<CairnException>(() => ObjectSlice.Resolve(Single, partNumber, null));

        Assert.Equal(ErrorCode.InvalidPart, error.Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10001")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void A_part_number_outside_1_to_10000_is_an_invalid_argument(string partNumber)
    {
        var error = Assert.Throws<CairnException>(() => ObjectSlice.Resolve(Multipart, partNumber, null));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("partNumber", error.Details!.ArgumentName);
    }

    [Theory]
    [InlineData("1", "bytes=0-9")]
    [InlineData("1", "bytes=-5")]
    [InlineData("2", "bytes=0-")]
    public void Part_number_together_with_a_range_is_an_invalid_request(string partNumber, string range)
    {
        var error = Assert.Throws<CairnException>(() => ObjectSlice.Resolve(Multipart, partNumber, range));

        Assert.Equal(ErrorCode.InvalidRequest, error.Code);
        Assert.Throws<CairnException>(() => ObjectSlice.Resolve(Single, partNumber, range));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_part_number_the_range_header_decides(string? partNumber)
    {
        Assert.Equal((new ByteRange(10, 5), (int?)null), ObjectSlice.Resolve(Multipart, partNumber, "bytes=10-14"));
        Assert.Equal((new ByteRange(990, 10), (int?)null), ObjectSlice.Resolve(Single, partNumber, "bytes=-10"));
    }

    [Fact]
    public void Without_part_number_or_range_the_whole_object_is_sent_without_a_parts_count()
    {
        Assert.Equal(((ByteRange?)null, (int?)null), ObjectSlice.Resolve(Multipart, null, null));
        Assert.Equal(((ByteRange?)null, (int?)null), ObjectSlice.Resolve(Single, null, ""));
    }

    private static ObjectRecord Record(int? partsCount, params Segment[] segments) => new()
    {
        Bucket = "b",
        Key = "k",
        Size = segments.Sum(s => s.Length),
        ETag = partsCount is { } n ? $"0123456789abcdef0123456789abcdef-{n}" : "0123456789abcdef0123456789abcdef",
        LastModified = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        PartsCount = partsCount,
        Segments = segments,
    };
}
