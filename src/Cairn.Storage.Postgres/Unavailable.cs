using System.Net.Sockets;
using Cairn.Core.Errors;
using Npgsql;

namespace Cairn.Storage.Postgres;

/// <summary>
/// Turns "the database is away" into the answer clients retry: SlowDown (503). That is a broken or refused
/// connection, a timeout, a server shutting down or starting up, too many connections. The pool is cleared with it,
/// so the connections that died with a restarted server are not handed out again one failure at a time. A full disk
/// on the database server is InsufficientStorage, as it is for the embedded store.
/// </summary>
internal static class Unavailable
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> action, NpgsqlDataSource source)
    {
        try
        {
            return await action();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DiskFull)
        {
            throw new CairnException(ErrorCode.InsufficientStorage, "The metadata database has no space left.", e);
        }
        catch (Exception e) when (Is(e))
        {
            source.Clear();
            throw new CairnException(ErrorCode.SlowDown, "The metadata database is unavailable; please retry.", e);
        }
    }

    public static async Task TranslateAsync(Func<Task> action, NpgsqlDataSource source) =>
        await TranslateAsync(async () =>
        {
            await action();
            return 0;
        }, source);

    private static bool Is(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || p.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, crashed, cannot connect now
            || p.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.InsufficientResources,
        NpgsqlException n => n.InnerException is IOException or SocketException or TimeoutException || n.IsTransient,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}
