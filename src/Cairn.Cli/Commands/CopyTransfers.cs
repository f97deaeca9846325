using Amazon.S3;
using S3Object = Amazon.S3.Model.S3Object;
using ListObjectsV2Request = Amazon.S3.Model.ListObjectsV2Request;
using Cairn.Cli.Output;
using Cairn.Cli.Paths;
using Cairn.Client;
using Cairn.Client.Checkpoints;
using Cairn.Client.Download;
using Cairn.Client.Upload;

namespace Cairn.Cli.Commands;

/// <summary>
/// Carries out a <c>cp</c>: expands folders and prefixes into single transfers, gives each file transfer its
/// checkpoint (named by a hash of endpoint, source and destination, so the same command finds it again), and
/// reports each result. On Ctrl-C it tells the user how to resume before passing the cancellation on. A folder
/// or prefix copy goes past what it cannot copy (an unreadable file, a key that is not a safe file name), with a
/// warning for each; <see cref="Skipped"/> lists them.
/// </summary>
internal sealed class CopyTransfers
{
    private static readonly char[] InvalidNameChars = Path.GetInvalidFileNameChars();

    private readonly CommandContext _context;
    private readonly CopyPlan _plan;
    private readonly List<SkippedFile> _skipped = [];

    public CopyTransfers(CommandContext context, CopyPlan plan)
    {
        _context = context;
        _plan = plan;
    }

    private CliOutput Output => _context.Output;

    public IReadOnlyList<SkippedFile> Skipped => _skipped;

    public async Task<List<CopySummary>> UploadAsync(S3Location destination, CancellationToken cancellationToken)
    {
        using var s3 = _context.CreateClient();
        var client = new CairnTransferClient(s3);
        var results = new List<CopySummary>();
        _context.Subject = destination;
        if (_plan.Source == "-")
        {
            var key = destination.RequireKey();
            await using var stdin = Console.OpenStandardInput();
            var result = await _plan.Display.RunAsync($"stdin → {destination}", progress =>
                client.UploadStreamAsync(stdin, destination.Bucket, key, _plan.Options with { Progress = progress }, cancellationToken)).ConfigureAwait(false);
            results.Add(Report("-", destination, result));
            return results;
        }

        if (Directory.Exists(_plan.Source))
        {
            if (!_plan.Recursive)
            {
                throw new UsageException($"{_plan.Source} is a folder; add --recursive to copy its files.");
            }

            var root = Path.GetFullPath(_plan.Source);
            foreach (var file in LocalTree.Files(root, Skip))
            {
                if (LocalTree.Unreadable(file) is { } reason)
                {
                    Skip(file, reason);
                    continue;
                }

                var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                results.Add(await UploadFileAsync(client, file, destination.Child(relative), cancellationToken).ConfigureAwait(false));
            }

            return results;
        }

        if (!File.Exists(_plan.Source))
        {
            throw new FileNotFoundException($"{_plan.Source}: no such file or folder.");
        }

        var target = destination.Key.Length == 0 || destination.Key.EndsWith('/')
            ? destination.Child(Path.GetFileName(_plan.Source))
            : destination;
        results.Add(await UploadFileAsync(client, _plan.Source, target, cancellationToken).ConfigureAwait(false));
        return results;
    }

    public async Task<List<CopySummary>> DownloadAsync(S3Location source, CancellationToken cancellationToken)
    {
        using var s3 = _context.CreateClient();
        var client = new CairnTransferClient(s3);
        var results = new List<CopySummary>();
        _context.Subject = source;
        if (_plan.Destination == "-")
        {
            var key = source.RequireKey();
            Output.MoveResultsToError();
            await using var stdout = Console.OpenStandardOutput();
            var result = await _plan.Display.RunAsync($"{source} → stdout", progress =>
                client.DownloadToStreamAsync(source.Bucket, key, stdout, _plan.Options with { Progress = progress }, cancellationToken)).ConfigureAwait(false);
            results.Add(Report(source, "-", result));
            return results;
        }

        if (_plan.Recursive)
        {
            var prefix = source.AsFolderPrefix();
            await foreach (var entry in ListAsync(s3, source.Bucket, prefix, cancellationToken).ConfigureAwait(false))
            {
                var relative = entry.Key[prefix.Length..];
                if ((relative.Length == 0 || relative.EndsWith('/')) && entry.Size is null or 0)
                {
                    // An empty "folder/" marker, as consoles create: there is nothing to copy.
                    continue;
                }

                var segments = relative.Split('/');
                if (segments.Any(s => s is "" or "." or ".." || s.IndexOfAny(InvalidNameChars) >= 0))
                {
                    Skip((source with { Key = entry.Key }).ToString(), "the key is not a safe local file name (it has an empty, '.' or '..' part, or a character file names cannot have)");
                    continue;
                }

                var local = Path.Combine([_plan.Destination, .. segments]);
                results.Add(await DownloadFileAsync(client, source with { Key = entry.Key }, local, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }

        var objectKey = source.RequireKey();
        var destination = Directory.Exists(_plan.Destination) || _plan.Destination.EndsWith('/') || _plan.Destination.EndsWith(Path.DirectorySeparatorChar)
            ? Path.Combine(_plan.Destination, objectKey[(objectKey.LastIndexOf('/') + 1)..])
            : _plan.Destination;
        results.Add(await DownloadFileAsync(client, source, destination, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private async Task<CopySummary> UploadFileAsync(CairnTransferClient client, string path, S3Location target, CancellationToken cancellationToken)
    {
        _context.Subject = target;
        var full = Path.GetFullPath(path);
        var checkpoint = CheckpointFile.PathFor(_plan.CheckpointDirectory, full, Identity(target));
        var result = await PausableAsync(checkpoint, () => _plan.Display.RunAsync($"{Path.GetFileName(full)} → {target}", progress =>
            client.UploadFileAsync(full, target.Bucket, target.Key, _plan.Options with { CheckpointPath = checkpoint, Progress = progress }, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return Report(path, target, result);
    }

    private async Task<CopySummary> DownloadFileAsync(CairnTransferClient client, S3Location source, string path, CancellationToken cancellationToken)
    {
        _context.Subject = source;
        var full = Path.GetFullPath(path);
        var checkpoint = CheckpointFile.PathFor(_plan.CheckpointDirectory, Identity(source), full);
        var result = await PausableAsync(checkpoint, () => _plan.Display.RunAsync($"{source} → {Path.GetFileName(full)}", progress =>
            client.DownloadFileAsync(source.Bucket, source.Key, full, _plan.Options with { CheckpointPath = checkpoint, Progress = progress }, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return Report(source, path, result);
    }

    private void Skip(string path, string reason)
    {
        _skipped.Add(new SkippedFile(path, reason));
        Output.Note($"cairn: warning: skipping {path}: {reason}");
    }

    private async Task<T> PausableAsync<T>(string checkpoint, Func<Task<T>> transfer, CancellationToken cancellationToken)
    {
        try
        {
            return await transfer().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (File.Exists(checkpoint))
            {
                Output.Note($"Paused; progress is saved in {checkpoint}.");
                Output.Note($"To resume, run the same command again: cairn {string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(Quote))}");
            }

            throw;
        }
    }

    private string Identity(S3Location location) => $"{_context.Connection.Endpoint} {location}";

    private CopySummary Report(object source, object destination, UploadResult result)
    {
        var summary = new CopySummary
        {
            Operation = "upload", Source = source.ToString()!, Destination = destination.ToString()!, Size = result.Size, ETag = result.ETag,
            BytesTransferred = result.BytesTransferred,
            Multipart = result.Multipart, PartSize = result.PartSize, PartsTotal = result.PartsTotal, PartsUploaded = result.PartsUploaded,
            PartsSkipped = result.PartsSkipped, Resumed = result.Resumed, StartedOverReason = result.StartedOverReason,
            Verification = result.Multipart ? "md5-of-md5s" : "md5", Retries = result.Retries, Seconds = result.Elapsed.TotalSeconds,
            BytesPerSecond = Rate(result.BytesTransferred, result.Elapsed),
        };
        if (result.StartedOverReason is { } reason)
        {
            Output.Note($"note: started over because {reason}");
        }

        var parts = result.Multipart
            ? $", {result.PartsTotal} parts of {ByteSize.Format(result.PartSize)}" + (result.PartsSkipped > 0 ? $" ({result.PartsSkipped} already on the server)" : string.Empty)
            : string.Empty;
        Output.Line($"upload: {source} → {destination}  {Moved(result.Size, result.BytesTransferred, "sent")} in {result.Elapsed.TotalSeconds:0.0}s ({ByteSize.Format(summary.BytesPerSecond)}/s){parts}, etag {result.ETag}");
        return summary;
    }

    private CopySummary Report(object source, object destination, DownloadResult result)
    {
        var summary = new CopySummary
        {
            Operation = "download", Source = source.ToString()!, Destination = destination.ToString()!, Size = result.Size, ETag = result.ETag,
            BytesTransferred = result.BytesTransferred,
            PartsTotal = result.RangesTotal, RangesDownloaded = result.RangesDownloaded, RangesSkipped = result.RangesSkipped,
            Resumed = result.Resumed, StartedOverReason = result.StartedOverReason, Verification = result.Verification,
            Retries = result.Retries, Seconds = result.Elapsed.TotalSeconds, BytesPerSecond = Rate(result.BytesTransferred, result.Elapsed),
        };
        if (result.StartedOverReason is { } reason)
        {
            Output.Note($"note: started over because {reason}");
        }

        var skipped = result.RangesSkipped > 0 ? $", {result.RangesSkipped} of {result.RangesTotal} ranges already on disk" : string.Empty;
        Output.Line($"download: {source} → {destination}  {Moved(result.Size, result.BytesTransferred, "fetched")} in {result.Elapsed.TotalSeconds:0.0}s ({ByteSize.Format(summary.BytesPerSecond)}/s){skipped}, verified: {result.Verification}");
        return summary;
    }

    private static string Moved(long size, long moved, string verb) =>
        moved == size ? ByteSize.Format(size) : $"{ByteSize.Format(size)} ({ByteSize.Format(moved)} {verb})";

    private static double Rate(long bytes, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? bytes / elapsed.TotalSeconds : 0;

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static async IAsyncEnumerable<S3Object> ListAsync(IAmazonS3 s3, string bucket, string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.S3Objects ?? [])
            {
                yield return entry;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }
}
