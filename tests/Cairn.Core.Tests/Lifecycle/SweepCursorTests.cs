using Cairn.Core.Lifecycle;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>The sweep's stored cursor reads back as written, whatever a key holds, and a cursor it cannot read starts a new sweep.</summary>
public sealed class SweepCursorTests
{
    private static readonly DateTimeOffset Started = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    [Fact]
    public void A_cursor_inside_a_bucket_reads_back_as_written_with_any_key()
    {
        var cursor = new SweepCursor(Started, 1234, "aaa", "bucket", SweepPhase.Uploads, "logs/\"x\"", "key\nwith\u00e9\ud83d\ude00", "upload-id", null);

        Assert.Equal(cursor, SweepCursor.Read(cursor.Write()));
    }

    [Fact]
    public void A_finished_sweep_keeps_only_its_times_and_count()
    {
        var finished = SweepCursor.Start(Started).EnterBucket("b").ToObjects() with { Due = 7 };
        var written = finished.Finish(Started + TimeSpan.FromSeconds(3)).Write();

        Assert.Equal(SweepCursor.Start(Started) with { Due = 7, FinishedAt = Started + TimeSpan.FromSeconds(3) }, SweepCursor.Read(written));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"due\":1}")]
    [InlineData("[]")]
    public void A_cursor_that_cannot_be_read_is_none(string? stored) => Assert.Null(SweepCursor.Read(stored));
}
