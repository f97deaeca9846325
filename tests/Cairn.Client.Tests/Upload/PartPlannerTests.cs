using Cairn.Client.Upload;

namespace Cairn.Client.Tests.Upload;

public class PartPlannerTests
{
    private const long MiB = PartLimits.MiB;

    [Theory]
    [InlineData(256 * MiB, null, 8 * MiB)]
    [InlineData(256 * MiB, 16 * MiB, 16 * MiB)]
    [InlineData(1000, 10L, 100 * 1024)] // raised to the server minimum
    [InlineData(100_000 * MiB, null, 10 * MiB)] // 8 MiB would need 12,500 parts
    [InlineData(80_000 * MiB + 1, 8 * MiB, 9 * MiB)]
    public void ChoosePartSize_StaysWithinLimits(long total, long? preferred, long expected)
    {
        var size = PartPlanner.ChoosePartSize(total, preferred, PartLimits.Cairn);
        Assert.Equal(expected, size);
        Assert.True(PartPlanner.PartCount(total, size) <= 10_000);
    }

    [Fact]
    public void ChoosePartSize_TooLargeForAnyPartSize_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PartPlanner.ChoosePartSize(10_001L * 5 * 1024 * MiB, null, PartLimits.Cairn));

    [Fact]
    public void PartRange_LastPartIsTheRemainder()
    {
        Assert.Equal((0L, 8 * MiB), PartPlanner.PartRange(20 * MiB, 8 * MiB, 1));
        Assert.Equal((16 * MiB, 4 * MiB), PartPlanner.PartRange(20 * MiB, 8 * MiB, 3));
        Assert.Equal(3, PartPlanner.PartCount(20 * MiB, 8 * MiB));
        Assert.Equal(1, PartPlanner.PartCount(0, 8 * MiB));
    }

    [Fact]
    public void StreamingPartSize_DoublesEveryThousandParts()
    {
        Assert.Equal(8 * MiB, PartPlanner.StreamingPartSize(8 * MiB, 1, PartLimits.Cairn));
        Assert.Equal(8 * MiB, PartPlanner.StreamingPartSize(8 * MiB, 1000, PartLimits.Cairn));
        Assert.Equal(16 * MiB, PartPlanner.StreamingPartSize(8 * MiB, 1001, PartLimits.Cairn));
        Assert.Equal(32 * MiB, PartPlanner.StreamingPartSize(8 * MiB, 2001, PartLimits.Cairn));
        Assert.True(PartPlanner.StreamingPartSize(8 * MiB, 10_000, PartLimits.Cairn) <= Array.MaxLength);
    }
}
