namespace Cairn.Client.Retry;

/// <summary>
/// Runs one request under a <see cref="RetryPolicy"/>. Each attempt gets a fresh call of the delegate, so a part
/// is re-read from its source rather than from a half-consumed stream.
/// </summary>
internal sealed class Retrier
{
    private readonly RetryPolicy _policy;
    private readonly Action<RetryEvent>? _onRetry;
    private readonly Random _random;
    private int _retries;

    public Retrier(RetryPolicy policy, Action<RetryEvent>? onRetry = null, Random? random = null)
    {
        _policy = policy;
        _onRetry = onRetry;
        _random = random ?? Random.Shared;
    }

    /// <summary>Retries performed so far, over all operations run by this instance.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public async Task<T> RunAsync<T>(string operation, Func<int, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt < _policy.MaxAttempts && TransientErrors.IsTransient(exception, cancellationToken))
            {
                Interlocked.Increment(ref _retries);
                var delay = _policy.DelayAfter(attempt, _random);
                _onRetry?.Invoke(new RetryEvent(operation, attempt, delay, exception));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task RunAsync(string operation, Func<int, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        RunAsync<bool>(operation, async (attempt, token) =>
        {
            await action(attempt, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
