using System.CommandLine;
using System.Globalization;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn ls</c> lists buckets; <c>cairn ls s3://bucket[/prefix]</c> lists one folder level (common prefixes
/// shown as PRE), or everything below the prefix with <c>--recursive</c>. All pages are fetched.
/// </summary>
internal static class ListCommand
{
    public static Command Create(CommandRunner runner)
    {
        var location = new Argument<string?>("location") { Description = "s3://bucket[/prefix]; omit to list buckets", Arity = ArgumentArity.ZeroOrOne };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "List every object below the prefix" };
        var command = new Command("ls", "List buckets, or objects under s3://bucket[/prefix]");
        command.Arguments.Add(location);
        command.Options.Add(recursive);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var s3 = context.CreateClient();
            if (context.Get(location) is not { } text)
            {
                var buckets = await s3.ListBucketsAsync(new ListBucketsRequest(), cancellationToken).ConfigureAwait(false);
                var list = (buckets.Buckets ?? []).Select(b => new { name = b.BucketName, created = b.CreationDate }).ToList();
                foreach (var bucket in list)
                {
                    context.Output.Line($"{Timestamp(bucket.created)}  {bucket.name}");
                }

                context.Output.Document(new { buckets = list });
                return ExitCodes.Success;
            }

            var target = context.Locate(text);
            var prefixes = new List<string>();
            var objects = new List<object>();
            string? token = null;
            do
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
                {
                    BucketName = target.Bucket,
                    Prefix = target.Key,
                    Delimiter = context.Get(recursive) ? null : "/",
                    ContinuationToken = token,
                }, cancellationToken).ConfigureAwait(false);
                foreach (var prefix in page.CommonPrefixes ?? [])
                {
                    prefixes.Add(prefix);
                    context.Output.Line($"{"PRE",30} {prefix}");
                }

                foreach (var entry in page.S3Objects ?? [])
                {
                    objects.Add(new { key = entry.Key, size = entry.Size ?? 0, lastModified = entry.LastModified, etag = Client.Hashing.ETags.Normalize(entry.ETag) });
                    context.Output.Line($"{Timestamp(entry.LastModified)} {entry.Size ?? 0,10} {entry.Key}");
                }

                token = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (token is not null);
            context.Output.Document(new { bucket = target.Bucket, prefix = target.Key, prefixes, objects });
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Timestamp(DateTime? value) =>
        value is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : new string(' ', 19);
}
