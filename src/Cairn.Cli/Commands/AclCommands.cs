using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn acl get|set s3://bucket[/key]</c>: a bucket's or an object's access control list. <c>set</c> takes one
/// of a canned ACL (<c>--canned public-read</c>), a whole AccessControlPolicy document (<c>--file acl.xml</c>) or
/// grants in the x-amz-grant-* header syntax (<c>--grant-read id=…</c>, <c>uri=…</c>), as S3's PutBucketAcl does.
/// </summary>
internal static class AclCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("acl", "Show or set the access control list of a bucket or an object");
        command.Subcommands.Add(CreateGet(runner));
        command.Subcommands.Add(CreateSet(runner));
        return command;
    }

    private static Argument<string> Location() => new("location") { Description = "s3://bucket or s3://bucket/key" };

    private static Command CreateGet(CommandRunner runner)
    {
        var location = Location();
        var command = new Command("get", "Show the owner and the grants");
        command.Arguments.Add(location);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            using var s3 = context.CreateClient();
            Owner? owner;
            List<S3Grant> grants;
            if (target.Key.Length == 0)
            {
                var acl = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = target.Bucket }, cancellationToken).ConfigureAwait(false);
                (owner, grants) = (acl.Owner, acl.Grants ?? []);
            }
            else
            {
                var acl = await s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = target.Bucket, Key = target.Key }, cancellationToken).ConfigureAwait(false);
                (owner, grants) = (acl.Owner, acl.Grants ?? []);
            }

            context.Output.Line($"owner: {owner?.Id} {owner?.DisplayName}");
            foreach (var grant in grants)
            {
                context.Output.Line($"{grant.Permission?.Value,-12} {AclDocuments.Describe(grant.Grantee)}");
            }

            context.Output.Document(new
            {
                location = target.ToString(),
                owner = new { id = owner?.Id, displayName = owner?.DisplayName },
                grants = grants.Select(grant => new
                {
                    permission = grant.Permission?.Value,
                    grantee = new { id = grant.Grantee.CanonicalUser, uri = grant.Grantee.URI, email = grant.Grantee.EmailAddress, displayName = grant.Grantee.DisplayName },
                }),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSet(CommandRunner runner)
    {
        var location = Location();
        var canned = new Option<string?>("--canned") { Description = "A canned ACL: private, public-read, public-read-write, authenticated-read, bucket-owner-read, bucket-owner-full-control" };
        var file = new Option<string?>("--file") { Description = "An AccessControlPolicy XML document ('-' reads stdin)" };
        var grants = new GrantOptions();
        var command = new Command("set", "Replace the access control list");
        command.Arguments.Add(location);
        command.Options.Add(canned);
        command.Options.Add(file);
        grants.AddTo(command);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            var ways = (context.Get(canned) is null ? 0 : 1) + (context.Get(file) is null ? 0 : 1) + (grants.AnyIn(context) ? 1 : 0);
            if (ways != 1)
            {
                throw new UsageException("give exactly one of --canned, --file or --grant-* options.");
            }

            var policy = context.Get(file) is { } path
                ? AclDocuments.Parse(await DocumentFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false))
                : null;
            var cannedAcl = context.Get(canned) is { } name ? S3CannedACL.FindValue(name) : null;
            using var s3 = context.CreateClient();
            if (target.Key.Length == 0)
            {
                var request = new PutBucketAclRequest { BucketName = target.Bucket, ACL = cannedAcl, AccessControlPolicy = policy };
                grants.Apply(context, request);
                await s3.PutBucketAclAsync(request, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var request = new PutObjectAclRequest { BucketName = target.Bucket, Key = target.Key, ACL = cannedAcl, AccessControlPolicy = policy };
                grants.Apply(context, request);
                await s3.PutObjectAclAsync(request, cancellationToken).ConfigureAwait(false);
            }

            context.Output.Line($"set_acl: {target}");
            context.Output.Document(new { location = target.ToString(), set = true });
            return ExitCodes.Success;
        });
        return command;
    }
}
