namespace Cairn.Core.Lifecycle;

/// <summary>
/// Lifecycle's days. A deadline is a number of days after a time, rounded up to the next day boundary, as S3 and OSS
/// do (an object modified 19:57 with 60 days expires at midnight UTC 60 days on). <see cref="DayLength"/> is one
/// day unless <c>Cairn:Lifecycle:DayLength</c> shortens it for tests and demos; boundaries are then multiples of
/// that length since the Unix epoch, so a day of one day keeps UTC midnights.
/// </summary>
public sealed class LifecycleCalendar
{
    public static readonly LifecycleCalendar Standard = new(TimeSpan.FromDays(1));

    public LifecycleCalendar(TimeSpan dayLength)
    {
        if (dayLength < TimeSpan.FromMilliseconds(1) || dayLength > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(dayLength), dayLength, "A lifecycle day lasts between 1 ms and 1 day.");
        }

        DayLength = dayLength;
    }

    public TimeSpan DayLength { get; }

    /// <summary><paramref name="days"/> days after <paramref name="start"/>, rounded up to the next day boundary.</summary>
    public DateTimeOffset After(DateTimeOffset start, int days) => RoundUp(start + DayLength * days);

    /// <summary>The first day boundary at or after <paramref name="time"/>.</summary>
    public DateTimeOffset RoundUp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var day = DayLength.Ticks;
        var boundary = (ticks + day - 1) / day * day;
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + boundary, TimeSpan.Zero);
    }
}
