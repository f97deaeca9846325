using Cairn.Core.Ports;
using Cairn.Storage.FileSystem;

namespace Cairn.Server.Management;

/// <summary>
/// Whether this server can take traffic: the metadata store answers a trivial query, and the data directory and
/// the temp directory every upload is staged in take a new file (created, written, fsynced, deleted — a
/// read-only or full volume, a directory without write permission, or one replaced by a file all fail it; a mode
/// check alone would pass as root). Returns the first problem found, as one short line, or null.
/// </summary>
internal sealed class ReadinessCheck(IStoreStatistics store, string dataDirectory, string tempDirectory)
{
    /// <summary>A store that takes longer than this to answer one trivial query is not ready.</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    public async Task<string?> FindProblemAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StoreTimeout);
        try
        {
            await store.PingAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"metadata store did not answer within {StoreTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "metadata store: " + FirstLine(e.Message);
        }

        return WriteProblem(dataDirectory) ?? WriteProblem(tempDirectory);
    }

    private static string? WriteProblem(string directory)
    {
        var probe = Path.Combine(directory, ".ready-" + Guid.NewGuid().ToString("N"));
        var created = false;
        try
        {
            using (var file = new FileStream(probe, OwnerOnly.ForNewFile(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write })))
            {
                created = true;
                file.WriteByte(0);
                file.Flush(flushToDisk: true);
            }

            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (created)
            {
                TryDelete(probe);
            }

            return $"{directory} is not writable: {FirstLine(e.Message)}";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
