using System.CommandLine;
using Amazon.S3.Model;
using Cairn.Cli.Paths;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn tag get|set|rm s3://bucket[/key] [KEY=VALUE…]</c>: an object's tags, or the bucket's when no key is given.
/// <c>set</c> replaces the whole tag set, as S3's PutObjectTagging and PutBucketTagging do.
/// </summary>
internal static class TagCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("tag", "Show, set or remove the tags of an object (s3://bucket/key) or a bucket (s3://bucket)");
        command.Subcommands.Add(CreateGet(runner));
        command.Subcommands.Add(CreateSet(runner));
        command.Subcommands.Add(CreateRemove(runner));
        return command;
    }

    private static Argument<string> Target() => new("target") { Description = "s3://bucket/key for an object, s3://bucket for the bucket" };

    private static Command CreateGet(CommandRunner runner)
    {
        var target = Target();
        var command = new Command("get", "Show the tags, one KEY=VALUE per line");
        command.Arguments.Add(target);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var location = context.Locate(context.Get(target)!);
            using var s3 = context.CreateClient();
            var tags = location.Key.Length == 0
                ? (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = location.Bucket }, cancellationToken).ConfigureAwait(false)).TagSet
                : (await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken).ConfigureAwait(false)).Tagging;
            tags ??= [];
            foreach (var tag in tags)
            {
                context.Output.Line($"{tag.Key}={tag.Value}");
            }

            context.Output.Document(new { bucket = location.Bucket, key = NullIfEmpty(location.Key), tags = tags.Select(t => new { key = t.Key, value = t.Value }) });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSet(CommandRunner runner)
    {
        var target = Target();
        var pairs = new Argument<string[]>("tags") { Description = "KEY=VALUE pairs (the value may be empty)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("set", "Replace the tags with the given ones");
        command.Arguments.Add(target);
        command.Arguments.Add(pairs);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var location = context.Locate(context.Get(target)!);
            var tags = context.Get(pairs)!.Select(Parse).ToList();
            using var s3 = context.CreateClient();
            if (location.Key.Length == 0)
            {
                await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = location.Bucket, TagSet = tags }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
                {
                    BucketName = location.Bucket, Key = location.Key, Tagging = new Tagging { TagSet = tags },
                }, cancellationToken).ConfigureAwait(false);
            }

            context.Output.Line($"set_tags: {location} ({tags.Count})");
            context.Output.Document(new { bucket = location.Bucket, key = NullIfEmpty(location.Key), set = true, count = tags.Count });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CommandRunner runner)
    {
        var target = Target();
        var command = new Command("rm", "Remove all the tags");
        command.Arguments.Add(target);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var location = context.Locate(context.Get(target)!);
            using var s3 = context.CreateClient();
            if (location.Key.Length == 0)
            {
                await s3.DeleteBucketTaggingAsync(new DeleteBucketTaggingRequest { BucketName = location.Bucket }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken).ConfigureAwait(false);
            }

            context.Output.Line($"remove_tags: {location}");
            context.Output.Document(new { bucket = location.Bucket, key = NullIfEmpty(location.Key), removed = true });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>KEY=VALUE, split at the first '='; the server checks the characters and lengths.</summary>
    private static Tag Parse(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"'{pair}' is not a KEY=VALUE tag.");
        }

        return new Tag { Key = pair[..equals], Value = pair[(equals + 1)..] };
    }

    private static string? NullIfEmpty(string key) => key.Length == 0 ? null : key;
}
