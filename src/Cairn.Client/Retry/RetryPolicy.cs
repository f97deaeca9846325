namespace Cairn.Client.Retry;

/// <summary>
/// How often and how patiently a failed request is tried again. Backoff is exponential with "equal jitter"
/// (half fixed, half random) so that N parts failing together, as they do when a link drops, do not come back
/// in lock-step. Tests shrink the delays to milliseconds.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>The policy used when none is given: 8 attempts, 200 ms doubling up to 15 s.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Total attempts including the first one; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Delay before the second attempt (before jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of any single delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Delay after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + random.NextDouble() * half);
    }
}
