using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Cli.Output;
using Cairn.Cli.Paths;
using S3Location = Cairn.Cli.Paths.S3Location;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn presign s3://bucket/key [--method GET|PUT] [--expires 1h]</c>: a SigV4 query-signed URL that lets
/// someone without keys download or upload one object until it expires (at most 7 days, the SigV4 limit).
/// </summary>
internal static class PresignCommand
{
    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(7);

    public static Command Create(CommandRunner runner)
    {
        var location = new Argument<string>("location") { Description = "s3://bucket/key" };
        var method = new Option<string>("--method", "-m") { Description = "GET (download) or PUT (upload)", DefaultValueFactory = _ => "GET" };
        method.AcceptOnlyFromAmong("GET", "PUT", "get", "put");
        var expires = new Option<string>("--expires", "-e") { Description = "Validity, e.g. 15m, 1h, 7d (default 1h)", DefaultValueFactory = _ => "1h" };
        var command = new Command("presign", "Create a presigned GET or PUT URL");
        command.Arguments.Add(location);
        command.Options.Add(method);
        command.Options.Add(expires);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = S3Location.Parse(context.Get(location)!);
            var key = target.RequireKey();
            var validity = DurationText.Parse(context.Get(expires)!);
            if (validity <= TimeSpan.Zero || validity > MaxExpiry)
            {
                throw new UsageException("--expires must be more than 0 and at most 7 days.");
            }

            var verb = string.Equals(context.Get(method), "PUT", StringComparison.OrdinalIgnoreCase) ? HttpVerb.PUT : HttpVerb.GET;
            var expiresAt = DateTime.UtcNow + validity;
            using var s3 = context.CreateClient();
            var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = target.Bucket,
                Key = key,
                Verb = verb,
                Expires = expiresAt,
                Protocol = context.Connection.Endpoint.Scheme == "https" ? Protocol.HTTPS : Protocol.HTTP,
            }).ConfigureAwait(false);
            context.Output.Line(url);
            context.Output.Document(new { url, method = verb.ToString(), expires = expiresAt });
            return ExitCodes.Success;
        });
        return command;
    }
}
