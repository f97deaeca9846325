using System.CommandLine;
using Cairn.Cli.Output;
using Cairn.Cli.Paths;
using Cairn.Client;
using Cairn.Client.Retry;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn cp SOURCE DEST</c>: local file or folder ↔ s3://bucket/key, <c>-</c> for stdin/stdout. File
/// transfers are resumable: a checkpoint per (source, destination) pair lives in the checkpoint folder, and
/// running the same command again after Ctrl-C, a crash or a network failure continues where it stopped.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(CommandRunner runner)
    {
        var source = new Argument<string>("source") { Description = "Local path, s3://bucket/key, or - for stdin" };
        var destination = new Argument<string>("destination") { Description = "s3://bucket/key, local path, or - for stdout" };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Copy a folder / every object under a prefix" };
        var partSize = new Option<string?>("--part-size") { Description = "Part size, e.g. 8MiB (default 8MiB, raised to stay within 10,000 parts)" };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Parts in flight at once", DefaultValueFactory = _ => 4 };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Where resume checkpoints are kept (default ~/.cairn/checkpoints)" };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show progress" };
        var retries = new Option<int>("--retries") { Description = "Attempts per request before giving up", DefaultValueFactory = _ => RetryPolicy.Default.MaxAttempts };
        var retryDelay = new Option<string?>("--retry-delay") { Description = "First retry delay, doubled each attempt (default 200ms)" };

        var command = new Command("cp", "Copy files to or from S3 (resumable, parallel)");
        command.Arguments.Add(source);
        command.Arguments.Add(destination);
        foreach (var option in new Option[] { recursive, partSize, concurrency, checkpointDir, noProgress, retries, retryDelay })
        {
            command.Options.Add(option);
        }

        runner.Bind(command, async (context, cancellationToken) =>
        {
            var from = context.Get(source)!;
            var to = context.Get(destination)!;
            var count = context.Get(concurrency);
            if (count is < 1 or > 64)
            {
                throw new UsageException("--concurrency must be between 1 and 64.");
            }

            var retry = RetryPolicy.Default with { MaxAttempts = Math.Max(1, context.Get(retries)) };
            if (context.Get(retryDelay) is { } delay)
            {
                retry = retry with { BaseDelay = DurationText.Parse(delay) };
            }

            var plan = new CopyPlan
            {
                Source = from,
                Destination = to,
                Recursive = context.Get(recursive),
                Options = new TransferOptions
                {
                    PartSize = context.Get(partSize) is { } size ? ByteSize.Parse(size) : null,
                    Concurrency = count,
                    Retry = retry,
                    OnRetry = e => context.Output.Note($"retry {e.Operation} (attempt {e.Attempt}) in {e.Delay.TotalMilliseconds:0} ms: {e.Error.GetBaseException().Message}"),
                },
                CheckpointDirectory = Path.GetFullPath(context.Get(checkpointDir)
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cairn", "checkpoints")),
                Display = TransferDisplay.Create(!context.Get(noProgress) && !context.Output.Json, context.Output.Error),
            };
            if (S3Location.IsS3(from) && S3Location.IsS3(to))
            {
                throw new UsageException("Copying between two s3:// locations is not supported; one side must be local.");
            }

            if (!S3Location.IsS3(from) && !S3Location.IsS3(to))
            {
                throw new UsageException("One side of cp must be an s3://bucket/key location.");
            }

            var transfers = new CopyTransfers(context, plan);
            var results = S3Location.IsS3(to)
                ? await transfers.UploadAsync(S3Location.Parse(to), cancellationToken).ConfigureAwait(false)
                : await transfers.DownloadAsync(S3Location.Parse(from), cancellationToken).ConfigureAwait(false);
            context.Output.Document(new { transfers = results, skipped = transfers.Skipped });
            if (transfers.Skipped.Count > 0)
            {
                context.Output.Note($"cairn: warning: {transfers.Skipped.Count} skipped (see above), {results.Count} copied");
                return ExitCodes.FilesSkipped;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
