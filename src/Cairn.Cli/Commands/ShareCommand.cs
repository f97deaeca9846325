using System.CommandLine;
using System.Globalization;
using Cairn.Cli.Output;
using Cairn.Cli.Paths;
using Cairn.Client.Sharing;
using Cairn.Client.Signing;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn share upload s3://bucket/prefix/ --expires 1h [--max-size 5GiB] [--credentials] [--role ARN]</c>: lets
/// someone without keys upload under a prefix. Always prints a signed browser POST form (key starting with the
/// prefix, <c>${filename}</c> by default; size up to --max-size); with --credentials or --role also a temporary
/// credential from STS whose session policy allows uploading (multipart included) under the prefix only.
/// </summary>
internal static class ShareCommand
{
    private const long DefaultMaxSize = 5L * 1024 * 1024 * 1024;

    public static Command Create(CommandRunner runner)
    {
        var share = new Command("share", "Let someone without keys upload (a POST form, temporary credentials)");
        share.Subcommands.Add(CreateUpload(runner));
        return share;
    }

    private static Command CreateUpload(CommandRunner runner)
    {
        var location = new Argument<string>("location") { Description = "s3://bucket/prefix/ the uploads go under" };
        var expires = new Option<string>("--expires", "-e") { Description = "Validity, e.g. 15m, 1h, 7d (default 1h; with credentials 15m to 12h)", DefaultValueFactory = _ => "1h" };
        var maxSize = new Option<string?>("--max-size") { Description = "Largest file the form accepts, e.g. 100MiB (default 5GiB)" };
        var credentials = new Option<bool>("--credentials") { Description = "Also issue temporary credentials scoped to the prefix (STS GetFederationToken)" };
        var role = new Option<string?>("--role") { Description = "Issue the temporary credentials by assuming this role (STS AssumeRole), narrowed to the prefix", HelpName = "ARN" };
        var command = new Command("upload", "Print a POST upload form (and optionally temporary credentials) for a prefix");
        command.Arguments.Add(location);
        foreach (var option in new Option[] { expires, maxSize, credentials, role })
        {
            command.Options.Add(option);
        }

        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            var withCredentials = context.Get(credentials) || context.Get(role) is not null;
            var validity = withCredentials
                ? DurationText.ParseWithin(context.Get(expires)!, "--expires", TemporaryCredentials.MinDuration, TemporaryCredentials.MaxDuration)
                : DurationText.ParseWithin(context.Get(expires)!, "--expires", min: null, PresignedUrlSigner.MaxValidity);
            var max = context.Get(maxSize) is { } size ? ByteSize.Parse(size) : DefaultMaxSize;

            var connection = context.Connection;
            // Whole seconds, so the expiration printed is the one in the policy document.
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var form = new PostPolicy(target.Bucket, now + validity)
                .KeyStartsWith(target.Key)
                .ContentLengthRange(0, max)
                .Sign(connection, now);
            var issued = withCredentials
                ? await new UploadCredentialsIssuer(connection).IssueAsync(target.Bucket, target.Key, validity, context.Get(role), cancellationToken).ConfigureAwait(false)
                : null;

            WriteText(context.Output, target, form, issued, connection.Endpoint);
            context.Output.Document(new
            {
                form,
                credentials = issued is null ? null : new
                {
                    accessKeyId = issued.AccessKeyId,
                    secretAccessKey = issued.SecretAccessKey,
                    sessionToken = issued.SessionToken,
                    expiration = issued.Expiration,
                    endpoint = connection.Endpoint,
                    region = connection.Region,
                    bucket = target.Bucket,
                    prefix = target.Key,
                },
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(CliOutput output, S3Location target, PostForm form, TemporaryCredentials? issued, Uri endpoint)
    {
        output.Line($"POST form for uploads under {target} (expires {Timestamp(form.Expiration)}):");
        output.Line($"  url: {form.Url}");
        foreach (var (name, value) in form.Fields)
        {
            output.Line($"  {name}: {value}");
        }

        output.Line("  (send these fields as multipart/form-data, then the file as the last part, named \"file\")");
        if (issued is not null)
        {
            output.Line($"temporary credentials for uploads under {target} (expire {Timestamp(issued.Expiration)}):");
            output.Line($"  AWS_ENDPOINT_URL={endpoint}");
            output.Line($"  AWS_ACCESS_KEY_ID={issued.AccessKeyId}");
            output.Line($"  AWS_SECRET_ACCESS_KEY={issued.SecretAccessKey}");
            output.Line($"  AWS_SESSION_TOKEN={issued.SessionToken}");
        }
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}
