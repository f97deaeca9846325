namespace Cairn.Client.Retry;

/// <summary>One failed attempt that will be retried after <paramref name="Delay"/>; surfaced so callers can log flaky links.</summary>
public sealed record RetryEvent(string Operation, int Attempt, TimeSpan Delay, Exception Error);
