using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// The single writer of the database, with group commit. Each caller's work runs inside its own savepoint of
/// a shared transaction, so a failing piece of work rolls back alone; the transaction then commits once for
/// every caller that was waiting (one WAL fsync per batch instead of one per request). A caller's task
/// completes only after the commit that made its work durable. Work runs in arrival order, each piece seeing
/// the effects of those before it, exactly as if the transactions ran one after another. When the transaction
/// fails as a whole (its commit, or SQLite rolling it back on a full disk), every caller of the batch fails
/// with that one exception and the connection is left ready for the next batch.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    /// <summary>Upper bound of works per transaction: keeps a batch's latency and WAL growth small.</summary>
    private const int MaxBatch = 128;

    private readonly SqliteConnection _connection;
    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public GroupCommitWriter(SqliteConnection connection)
    {
        _connection = connection;
        _thread = new Thread(Run) { IsBackground = true, Name = "cairn-sqlite-writer" };
        _thread.Start();
    }

    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WriteItem(tx => work(tx));
        // The queue is completed only by Dispose.
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);

        return Await<T>(item.Completion.Task);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }

    private static async Task<T> Await<T>(Task<object?> task) => (T)(await task)!;

    private void Run()
    {
        var batch = new List<(WriteItem Item, object? Result, Exception? Error)>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            WriteItem? current = null;
            SqliteTransaction? tx = null;
            try
            {
                tx = _connection.BeginTransaction(deferred: false);
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    current = item;
                    tx.Save("w");
                    try
                    {
                        var result = item.Work(tx);
                        tx.Release("w");
                        batch.Add((item, result, null));
                    }
                    catch (Exception e)
                    {
                        if (!InTransaction)
                        {
                            // SQLite rolled the whole transaction back itself (it may on SQLITE_FULL and I/O
                            // errors): the batch's work is lost, and this failure fails every caller in it.
                            throw;
                        }

                        tx.Rollback("w");
                        tx.Release("w");
                        batch.Add((item, null, e));
                    }

                    current = null;
                }

                tx.Commit();
                StorageMetrics.GroupCommitBatchSize.Record(batch.Count);
            }
            catch (Exception failure)
            {
                Abandon(tx);
                if (tx is null)
                {
                    // Not even a transaction could start: fail the waiting callers rather than retry forever.
                    while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var waiting))
                    {
                        batch.Add((waiting, null, null));
                    }
                }

                // Nothing of this batch is durable: every caller in it fails, including one caught mid-work.
                current?.Completion.TrySetException(failure);
                foreach (var (item, _, _) in batch)
                {
                    item.Completion.TrySetException(failure);
                }

                continue;
            }

            foreach (var (item, result, error) in batch)
            {
                if (error is null)
                {
                    item.Completion.TrySetResult(result);
                }
                else
                {
                    item.Completion.TrySetException(error);
                }
            }
        }
    }

    /// <summary>Whether the connection is inside a transaction (SQLite may have ended it on its own after an error).</summary>
    private bool InTransaction => raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    /// <summary>
    /// Ends a failed batch's transaction so the connection serves the next batch, without letting the rollback's
    /// own complaint (SQLite may already have rolled back) replace the failure the callers must see.
    /// </summary>
    private void Abandon(SqliteTransaction? tx)
    {
        try
        {
            tx?.Dispose();
        }
        catch (SqliteException)
        {
        }

        if (InTransaction)
        {
            try
            {
                Sql.Execute(_connection, "ROLLBACK");
            }
            catch (SqliteException)
            {
            }
        }
    }

    private sealed record WriteItem(Func<SqliteTransaction, object?> Work)
    {
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
