using System.CommandLine;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn policy get|set|rm s3://bucket [FILE]</c>: a bucket's policy (a JSON policy document).</summary>
internal static class PolicyCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("policy", "Show, set or remove a bucket policy");
        command.Subcommands.Add(CreateGet(runner));
        command.Subcommands.Add(CreateSet(runner));
        command.Subcommands.Add(CreateRemove(runner));
        return command;
    }

    private static Argument<string> Bucket() => new("bucket") { Description = "s3://bucket" };

    private static Command CreateGet(CommandRunner runner)
    {
        var bucket = Bucket();
        var command = new Command("get", "Show the bucket policy");
        command.Arguments.Add(bucket);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var name = context.Locate(context.Get(bucket)!).Bucket;
            using var s3 = context.CreateClient();
            var policy = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = name }, cancellationToken).ConfigureAwait(false);
            if (policy.HttpStatusCode != HttpStatusCode.OK)
            {
                // The SDK hands a 404's error document back as the policy text instead of throwing.
                throw new AmazonS3Exception("The bucket has no policy.", ErrorType.Sender, "NoSuchBucketPolicy", null, policy.HttpStatusCode);
            }

            context.Output.Line(policy.Policy);
            context.Output.Document(new { bucket = name, policy = policy.Policy });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSet(CommandRunner runner)
    {
        var bucket = Bucket();
        var file = new Argument<string>("file") { Description = "The policy document (JSON); '-' reads it from stdin" };
        var command = new Command("set", "Set or replace the bucket policy");
        command.Arguments.Add(bucket);
        command.Arguments.Add(file);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var name = context.Locate(context.Get(bucket)!).Bucket;
            var document = await DocumentFiles.ReadAsync(context.Get(file)!, cancellationToken).ConfigureAwait(false);
            using var s3 = context.CreateClient();
            await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = name, Policy = document }, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"set_policy: {name}");
            context.Output.Document(new { bucket = name, set = true });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CommandRunner runner)
    {
        var bucket = Bucket();
        var command = new Command("rm", "Remove the bucket policy");
        command.Arguments.Add(bucket);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var name = context.Locate(context.Get(bucket)!).Bucket;
            using var s3 = context.CreateClient();
            await s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = name }, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"remove_policy: {name}");
            context.Output.Document(new { bucket = name, removed = true });
            return ExitCodes.Success;
        });
        return command;
    }
}
