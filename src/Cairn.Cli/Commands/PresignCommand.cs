using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Cli.Output;
using Cairn.Client.Signing;
using S3Location = Cairn.Cli.Paths.S3Location;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn presign s3://bucket/key [--method GET|PUT] [--expires 1h]</c>: a SigV4 query-signed URL that lets
/// someone without keys download or upload one object until it expires (at most 7 days, the SigV4 limit).
/// With <c>--multipart FILE</c> it starts a multipart upload and presigns every step of it instead (see
/// <see cref="PresignMultipart"/>).
/// </summary>
internal static class PresignCommand
{
    public static Command Create(CommandRunner runner)
    {
        var location = new Argument<string>("location") { Description = "s3://bucket/key" };
        var method = new Option<string>("--method", "-m") { Description = "GET (download) or PUT (upload)", DefaultValueFactory = _ => "GET" };
        method.AcceptOnlyFromAmong("GET", "PUT", "get", "put");
        var expires = new Option<string>("--expires", "-e") { Description = "Validity, e.g. 15m, 1h, 7d (default 1h)", DefaultValueFactory = _ => "1h" };
        var multipart = new Option<string?>("--multipart") { Description = "Start a multipart upload of FILE and presign its parts, ListParts, Complete and Abort", HelpName = "FILE" };
        var partSize = new Option<string?>("--part-size") { Description = "With --multipart: part size, e.g. 8MiB (default 8MiB, raised to the server minimum and to stay within 10,000 parts)" };
        var command = new Command("presign", "Create a presigned GET or PUT URL, or presigned URLs for a whole multipart upload");
        command.Arguments.Add(location);
        command.Options.Add(method);
        command.Options.Add(expires);
        command.Options.Add(multipart);
        command.Options.Add(partSize);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var target = context.Locate(context.Get(location)!);
            var key = target.RequireKey();
            var validity = DurationText.ParseWithin(context.Get(expires)!, "--expires", min: null, PresignedUrlSigner.MaxValidity);
            if (context.Get(multipart) is { } file)
            {
                if (context.Parse.GetResult(method) is { Implicit: false })
                {
                    throw new UsageException("--method does not apply to --multipart (each step has its own method).");
                }

                var preferred = context.Get(partSize) is { } size ? ByteSize.Parse(size) : (long?)null;
                return await PresignMultipart.RunAsync(context, target, file, preferred, validity, cancellationToken).ConfigureAwait(false);
            }

            if (context.Get(partSize) is not null)
            {
                throw new UsageException("--part-size only applies with --multipart.");
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
