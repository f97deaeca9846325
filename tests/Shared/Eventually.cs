using System.Diagnostics;

namespace Cairn.Tests.Shared;

/// <summary>
/// Waits for something the code under test does in its own time and does not signal (a temp file swept, a part
/// committed, a process listening) by polling an observable effect until a deadline. The one place tests wait
/// without an event: polls start short and back off, the deadline is the caller's, and a miss fails the test with
/// a message naming what never happened instead of letting a later assertion fail obscurely. Shared by the test
/// projects (linked source).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls until <paramref name="condition"/> holds; false when it still does not at the deadline.</summary>
    public static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        var pause = FirstPoll;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(pause < left ? pause : left);
            pause = pause * 2 < LongestPoll ? pause * 2 : LongestPoll;
        }
    }

    /// <inheritdoc cref="WaitAsync(Func{Task{bool}}, TimeSpan)"/>
    public static Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitAsync(() => Task.FromResult(condition()), timeout);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test at the deadline with <paramref name="describe"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        if (!await WaitAsync(condition, timeout))
        {
            Fail(timeout, describe);
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, TimeSpan, Func{string}?)"/>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        if (!await WaitAsync(condition, timeout))
        {
            Fail(timeout, describe);
        }
    }

    /// <summary>Polls until <paramref name="probe"/> finds something and returns it; fails the test at the deadline.</summary>
    public static async Task<T> FoundAsync<T>(Func<T?> probe, TimeSpan timeout, Func<string>? describe = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? found = null;
        await TrueAsync(() => (found = probe()) is not null, timeout, describe);
        return found!;
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until its value stays the same for <paramref name="quietPeriod"/> and returns
    /// that value; fails the test when it is still changing at the deadline. For effects that arrive a moment after
    /// their cause with no end marker to observe (a request the server is still finishing after its client went
    /// away): the quiet period is how long "nothing more is coming" has to hold.
    /// </summary>
    public static async Task<T> SettledAsync<T>(Func<Task<T>> probe, TimeSpan quietPeriod, TimeSpan timeout, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var current = await probe();
        var unchanged = Stopwatch.StartNew();
        var settled = await WaitAsync(
            async () =>
            {
                var next = await probe();
                if (!EqualityComparer<T>.Default.Equals(next, current))
                {
                    current = next;
                    unchanged.Restart();
                }

                return unchanged.Elapsed >= quietPeriod;
            },
            timeout);
        if (!settled)
        {
            Fail(timeout, () => $"still changing (last value {current})" + (describe is null ? string.Empty : ": " + describe(current)));
        }

        return current;
    }

    private static void Fail(TimeSpan timeout, Func<string>? describe) =>
        Assert.Fail($"Timed out after {timeout.TotalSeconds:0.###} s: {describe?.Invoke() ?? "the awaited condition never held"}");
}
