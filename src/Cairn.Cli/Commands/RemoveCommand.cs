using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn rm s3://bucket/key</c> deletes one object; with <c>--recursive</c> every object under the prefix, in
/// DeleteObjects batches of up to 1,000 keys (the S3 limit).
/// </summary>
internal static class RemoveCommand
{
    public static Command Create(CommandRunner runner)
    {
        var location = new Argument<string>("location") { Description = "s3://bucket/key, or s3://bucket/prefix with --recursive" };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Delete every object under the prefix" };
        var command = new Command("rm", "Delete objects");
        command.Arguments.Add(location);
        command.Options.Add(recursive);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            using var s3 = context.CreateClient();
            if (!context.Get(recursive))
            {
                var key = target.RequireKey();
                await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = target.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
                context.Output.Line($"delete: {target}");
                context.Output.Document(new { deleted = new[] { key } });
                return ExitCodes.Success;
            }

            var deleted = new List<string>();
            await DeletePrefixAsync(s3, target.Bucket, target.Key, key =>
            {
                deleted.Add(key);
                context.Output.Line($"delete: {target with { Key = key }}");
            }, cancellationToken).ConfigureAwait(false);
            context.Output.Document(new { deleted });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>; returns how many.</summary>
    internal static async Task<int> DeletePrefixAsync(IAmazonS3 s3, string bucket, string prefix, Action<string> onDeleted, CancellationToken cancellationToken)
    {
        var count = 0;
        var batch = new List<KeyVersion>();
        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = batch }, cancellationToken).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new InvalidOperationException($"Could not delete {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
            }

            foreach (var key in batch)
            {
                onDeleted(key.Key);
            }

            count += batch.Count;
            batch = [];
        }

        // Collect first, then delete: deleting while paginating would shift the listing under the cursor.
        var keys = new List<string>();
        await foreach (var entry in CopyTransfers.ListAsync(s3, bucket, prefix, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(entry.Key);
        }

        foreach (var key in keys)
        {
            batch.Add(new KeyVersion { Key = key });
            if (batch.Count == 1000)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }

        await FlushAsync().ConfigureAwait(false);
        return count;
    }
}
