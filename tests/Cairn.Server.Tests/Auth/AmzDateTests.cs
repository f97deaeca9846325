using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Tests.Auth;

/// <summary>
/// Request dates: x-amz-date in ISO 8601 basic form, Date in one of the forms HTTP defines (RFC 1123, RFC 850,
/// asctime) or with a numeric offset as some SigV2 clients send it. Anything else is no date at all, so a SigV2
/// request carrying it is AccessDenied instead of being read some lenient way.
/// </summary>
public sealed class AmzDateTests
{
    private static readonly DateTimeOffset Expected = new(2026, 11, 29, 16, 5, 9, TimeSpan.Zero);

    [Theory]
    [InlineData("Sun, 29 Nov 2026 16:05:09 GMT")] // RFC 1123
    [InlineData("Sunday, 29-Nov-26 16:05:09 GMT")] // RFC 850
    [InlineData("Sun Nov 29 16:05:09 2026")] // asctime
    [InlineData("Sun, 29 Nov 2026 16:05:09 +0000")]
    [InlineData("Sun, 29 Nov 2026 16:05:09 -0000")]
    [InlineData("Sun, 29 Nov 2026 17:05:09 +0100")]
    [InlineData("Sun, 29 Nov 2026 11:05:09 -0500")]
    [InlineData("  Sun, 29 Nov 2026 16:05:09 GMT  ")]
    public void TryParseHttp_FormsHttpDefinesAndNumericOffsets_GiveTheInstant(string value)
    {
        Assert.True(AmzDate.TryParseHttp(value, out var time), value);
        Assert.Equal(Expected, time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("2026-11-29")]
    [InlineData("2026-11-29 16:05:09")]
    [InlineData("2026-11-29T16:05:09Z")]
    [InlineData("11/29/2026 16:05:09")]
    [InlineData("29 Nov 2026 16:05:09 GMT")]
    [InlineData("Sun, 29 Nov 2026")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParseHttp_AnythingElse_IsNoDate(string? value)
    {
        Assert.False(AmzDate.TryParseHttp(value, out var time), $"'{value}' was read as {time:O}");
    }

    [Theory]
    [InlineData("20261129T160509Z")]
    [InlineData("Sun, 29 Nov 2026 16:05:09 GMT")]
    public void TryParseAny_AcceptsIsoBasicAndHttpDates(string value)
    {
        Assert.True(AmzDate.TryParseAny(value, out var time), value);
        Assert.Equal(Expected, time);
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("2026-11-29")]
    public void TryParseAny_DatesHttpDoesNotDefine_AreNoDate(string value)
    {
        Assert.False(AmzDate.TryParseAny(value, out var time), $"'{value}' was read as {time:O}");
    }
}
