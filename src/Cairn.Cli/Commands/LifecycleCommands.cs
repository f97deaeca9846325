using System.CommandLine;
using System.Net;
using Amazon.Runtime;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn lifecycle get|set|rm s3://bucket</c>: a bucket's lifecycle rules. <c>get</c> prints them in aws cli's JSON
/// shape, which <c>set --file</c> takes back (as does S3's XML); the shorthand flags of <c>set</c> write the common
/// one-rule configuration (abort stale uploads, expire old objects, under a prefix). <c>set</c> replaces the whole
/// configuration, as S3's PutBucketLifecycleConfiguration does.
/// </summary>
internal static class LifecycleCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("lifecycle", "Show, set or remove a bucket's lifecycle rules (expire objects, abort stale uploads)");
        command.Subcommands.Add(CreateGet(runner));
        command.Subcommands.Add(CreateSet(runner));
        command.Subcommands.Add(CreateRemove(runner));
        return command;
    }

    private static Argument<string> Bucket() => new("bucket") { Description = "s3://bucket" };

    private static Command CreateGet(CommandRunner runner)
    {
        var bucket = Bucket();
        var command = new Command("get", "Show the lifecycle configuration (aws cli's JSON shape)");
        command.Arguments.Add(bucket);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var name = context.Locate(context.Get(bucket)!).Bucket;
            using var s3 = context.CreateClient();
            var answer = await s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = name }, cancellationToken).ConfigureAwait(false);
            if (answer.HttpStatusCode != HttpStatusCode.OK || answer.Configuration is null)
            {
                // The SDK hands a 404 back as an empty configuration instead of throwing.
                throw new AmazonS3Exception("The bucket has no lifecycle configuration.", ErrorType.Sender, "NoSuchLifecycleConfiguration", null, HttpStatusCode.NotFound);
            }

            var json = LifecycleDocuments.ToJson(answer.Configuration);
            context.Output.Line(json.ToJsonString(Indented));
            context.Output.Document(new { bucket = name, lifecycleConfiguration = json });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSet(CommandRunner runner)
    {
        var bucket = Bucket();
        var file = new Option<string?>("--file") { Description = "The configuration: aws cli's JSON or S3's XML; '-' reads it from stdin" };
        var id = new Option<string?>("--id") { Description = "Shorthand rule: its ID (default: the actions it takes)" };
        var prefix = new Option<string?>("--prefix") { Description = "Shorthand rule: only keys under this prefix (default: the whole bucket)" };
        var expire = new Option<int?>("--expire-after") { Description = "Shorthand rule: delete objects DAYS days after their last modification" };
        var abort = new Option<int?>("--abort-incomplete-after") { Description = "Shorthand rule: abort multipart uploads DAYS days after their initiation" };
        var disabled = new Option<bool>("--disabled") { Description = "Shorthand rule: store it disabled" };
        var command = new Command("set", "Set (replace) the lifecycle configuration, from a file or one shorthand rule");
        command.Arguments.Add(bucket);
        foreach (var option in new Option[] { file, id, prefix, expire, abort, disabled })
        {
            command.Options.Add(option);
        }

        runner.Bind(command, async (context, cancellationToken) =>
        {
            var name = context.Locate(context.Get(bucket)!).Bucket;
            var shorthand = new ShorthandRule(context.Get(id), context.Get(prefix), context.Get(expire), context.Get(abort), context.Get(disabled));
            var configuration = context.Get(file) is { } path
                ? shorthand.IsGiven
                    ? throw new UsageException("Give either --file or the shorthand rule options (--expire-after, --abort-incomplete-after...), not both.")
                    : LifecycleDocuments.Read(await DocumentFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false))
                : new LifecycleConfiguration { Rules = [shorthand.ToRule()] };
            using var s3 = context.CreateClient();
            await s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest { BucketName = name, Configuration = configuration }, cancellationToken)
                .ConfigureAwait(false);
            context.Output.Line($"set_lifecycle: {name} ({configuration.Rules.Count} rules)");
            context.Output.Document(new { bucket = name, set = true, rules = configuration.Rules.Count });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CommandRunner runner)
    {
        var bucket = Bucket();
        var command = new Command("rm", "Remove the lifecycle configuration");
        command.Arguments.Add(bucket);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var name = context.Locate(context.Get(bucket)!).Bucket;
            using var s3 = context.CreateClient();
            await s3.DeleteLifecycleConfigurationAsync(new DeleteLifecycleConfigurationRequest { BucketName = name }, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"remove_lifecycle: {name}");
            context.Output.Document(new { bucket = name, removed = true });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The one rule <c>set</c>'s flags describe.</summary>
    private sealed record ShorthandRule(string? Id, string? Prefix, int? ExpireAfter, int? AbortAfter, bool Disabled)
    {
        public bool IsGiven => Id is not null || Prefix is not null || ExpireAfter is not null || AbortAfter is not null || Disabled;

        public LifecycleRule ToRule()
        {
            if (ExpireAfter is null && AbortAfter is null)
            {
                throw new UsageException("Give --file, or at least one of --expire-after DAYS and --abort-incomplete-after DAYS.");
            }

            return new LifecycleRule
            {
                Id = Id ?? string.Join('-', new[] { ExpireAfter is { } e ? $"expire-{e}d" : null, AbortAfter is { } a ? $"abort-uploads-{a}d" : null }.OfType<string>()),
                Status = Disabled ? LifecycleRuleStatus.Disabled : LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { Prefix = Prefix ?? string.Empty },
                Expiration = ExpireAfter is { } days ? new LifecycleRuleExpiration { Days = days } : null,
                AbortIncompleteMultipartUpload = AbortAfter is { } abort ? new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = abort } : null,
            };
        }
    }
}
