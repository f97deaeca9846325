using System.CommandLine;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn mb s3://bucket</c> and <c>cairn rb s3://bucket [--force]</c>.</summary>
internal static class BucketCommands
{
    public static Command CreateMakeBucket(CommandRunner runner)
    {
        var location = new Argument<string>("bucket") { Description = "s3://bucket" };
        var command = new Command("mb", "Make a bucket");
        command.Arguments.Add(location);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var bucket = context.Locate(context.Get(location)!).Bucket;
            using var s3 = context.CreateClient();
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"make_bucket: {bucket}");
            context.Output.Document(new { bucket, created = true });
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateRemoveBucket(CommandRunner runner)
    {
        var location = new Argument<string>("bucket") { Description = "s3://bucket" };
        var force = new Option<bool>("--force") { Description = "First delete every object and abort every incomplete upload in the bucket" };
        var command = new Command("rb", "Remove a bucket");
        command.Arguments.Add(location);
        command.Options.Add(force);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var bucket = context.Locate(context.Get(location)!).Bucket;
            using var s3 = context.CreateClient();
            var deleted = 0;
            var aborted = 0;
            if (context.Get(force))
            {
                deleted = await RemoveCommand.DeletePrefixAsync(s3, bucket, string.Empty, _ => { }, cancellationToken).ConfigureAwait(false);
                await foreach (var upload in MultipartCommands.ListUploadsAsync(s3, bucket, string.Empty, cancellationToken).ConfigureAwait(false))
                {
                    await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = upload.Key, UploadId = upload.UploadId }, cancellationToken).ConfigureAwait(false);
                    aborted++;
                }
            }

            await s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"remove_bucket: {bucket}");
            context.Output.Document(new { bucket, removed = true, objectsDeleted = deleted, uploadsAborted = aborted });
            return ExitCodes.Success;
        });
        return command;
    }
}
