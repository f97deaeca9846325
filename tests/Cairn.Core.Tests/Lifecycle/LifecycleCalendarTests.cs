using Cairn.Core.Lifecycle;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>Days after a time, rounded up to the next day boundary, as S3 and OSS reckon lifecycle deadlines.</summary>
public sealed class LifecycleCalendarTests
{
    [Fact]
    public void Days_after_a_time_end_at_the_next_utc_midnight()
    {
        // An object modified 2018-08-14 19:57 UTC with a rule of 60 days expires 2018-10-14 00:00 UTC.
        var modified = new DateTimeOffset(2018, 8, 14, 19, 57, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2018, 10, 14, 0, 0, 0, TimeSpan.Zero), LifecycleCalendar.Standard.After(modified, 60));
    }

    [Fact]
    public void A_time_already_at_midnight_is_not_pushed_a_day_further()
    {
        var midnight = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(midnight.AddDays(7), LifecycleCalendar.Standard.After(midnight, 7));
        Assert.Equal(midnight, LifecycleCalendar.Standard.RoundUp(midnight));
    }

    [Fact]
    public void One_tick_after_midnight_rounds_to_the_next_midnight()
    {
        var justAfter = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1);

        Assert.Equal(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero), LifecycleCalendar.Standard.RoundUp(justAfter));
    }

    [Fact]
    public void Times_in_other_offsets_round_by_their_utc_instant()
    {
        // 23:00 at UTC+8 is 15:00 UTC the same day: the boundary is that day's UTC midnight + 1, not local midnight.
        var local = new DateTimeOffset(2022, 10, 27, 23, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2022, 10, 28, 0, 0, 0, TimeSpan.Zero), LifecycleCalendar.Standard.RoundUp(local));
    }

    [Fact]
    public void A_short_day_rounds_to_multiples_of_its_length_since_the_epoch()
    {
        var calendar = new LifecycleCalendar(TimeSpan.FromSeconds(2));
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500);

        // 1,700,000,000.5 s + 2 s = 1,700,000,002.5 s, rounded up to the next even second.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_004), calendar.After(start, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_day_must_last_a_while(int milliseconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LifecycleCalendar(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void A_day_cannot_last_longer_than_a_day()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LifecycleCalendar(TimeSpan.FromDays(2)));
    }
}
