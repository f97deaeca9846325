using Cairn.Core.Errors;
using Cairn.Server.Http;

namespace Cairn.Server.Tests.Http;

/// <summary>Range header resolution (RFC 9110 §14, S3 GetObject): one range or the whole object.</summary>
public class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-9", 100, 0, 10)]
    [InlineData("bytes=10-19", 100, 10, 10)]
    [InlineData("bytes=0-0", 100, 0, 1)]
    [InlineData("bytes=99-99", 100, 99, 1)]
    [InlineData("bytes=0-99", 100, 0, 100)]
    [InlineData("bytes=10-", 100, 10, 90)]
    [InlineData("bytes=0-", 100, 0, 100)]
    [InlineData("bytes=99-", 100, 99, 1)]
    [InlineData("bytes=-10", 100, 90, 10)]
    [InlineData("bytes=-1", 100, 99, 1)]
    [InlineData("bytes=-100", 100, 0, 100)]
    [InlineData("bytes=0-0", 1, 0, 1)]
    [InlineData("bytes=-1", 1, 0, 1)]
    [InlineData("Bytes=0-9", 100, 0, 10)]
    [InlineData("bytes= 0-9 ", 100, 0, 10)]
    [InlineData("bytes=5368709120-5368709129", 10737418240, 5368709120, 10)]
    public void A_single_satisfiable_range_resolves_to_start_and_length(string header, long size, long start, long length)
    {
        var range = ByteRange.Resolve(header, size);

        Assert.Equal(new ByteRange(start, length), range);
        Assert.Equal(start + length - 1, range!.Value.End);
    }

    [Theory]
    [InlineData("bytes=50-1000", 100, 50, 50)]
    [InlineData("bytes=0-100", 100, 0, 100)]
    [InlineData("bytes=-1000", 100, 0, 100)]
    [InlineData("bytes=-101", 100, 0, 100)]
    [InlineData("bytes=0-9223372036854775807", 100, 0, 100)]
    [InlineData("bytes=0-99999999999999999999", 100, 0, 100)]
    public void A_range_reaching_beyond_the_end_is_clamped_to_the_object(string header, long size, long start, long length)
    {
        Assert.Equal(new ByteRange(start, length), ByteRange.Resolve(header, size));
    }

    [Theory]
    [InlineData("bytes=100-", 100)]
    [InlineData("bytes=100-200", 100)]
    [InlineData("bytes=150-160", 100)]
    [InlineData("bytes=-0", 100)]
    [InlineData("bytes=0-", 0)]
    [InlineData("bytes=0-0", 0)]
    [InlineData("bytes=0-10", 0)]
    public void A_range_starting_past_the_end_is_an_invalid_range(string header, long size)
    {
        var error = Assert.Throws<CairnException>(() => ByteRange.Resolve(header, size));

        Assert.Equal(ErrorCode.InvalidRange, error.Code);
    }

    [Fact]
    public void An_invalid_range_reports_the_actual_object_size()
    {
        var error = Assert.Throws<CairnException>(() => ByteRange.Resolve("bytes=200-", 123));

        Assert.NotNull(error.Details);
        Assert.Equal(123, error.Details.ActualObjectSize);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("bytes=0-1, 5-")]
    [InlineData("bytes=-5,0-1")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=1-a")]
    [InlineData("bytes=-")]
    [InlineData("bytes=")]
    [InlineData("bytes=5")]
    [InlineData("bytes=9-5")]
    [InlineData("bytes=--5")]
    [InlineData("bytes=-5-")]
    [InlineData("items=0-9")]
    [InlineData("0-9")]
    [InlineData("bytes 0-9")]
    public void A_multi_range_or_malformed_header_is_ignored(string? header)
    {
        Assert.Null(ByteRange.Resolve(header, 100));
    }

    [Fact]
    public void A_malformed_header_is_ignored_even_for_an_empty_object()
    {
        Assert.Null(ByteRange.Resolve("bytes=x-y", 0));
    }
}
