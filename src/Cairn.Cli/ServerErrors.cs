using System.Collections.Frozen;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using S3Location = Cairn.Cli.Paths.S3Location;

namespace Cairn.Cli;

/// <summary>
/// Turns an S3 error answer into one line that names what it is about ("s3://media/nosuch: no such key") and a
/// code for <c>--json</c>. The SDK's message only repeats the code; and a HEAD's answer has no body, so all the
/// SDK knows is the status: a 404 there means a missing key or a missing bucket, which a HEAD of the bucket
/// tells apart.
/// </summary>
internal static class ServerErrors
{
    /// <summary>Answers about the object (or prefix) the command works on.</summary>
    private static readonly FrozenDictionary<string, string> AboutSubject = new Dictionary<string, string>
    {
        ["NoSuchKey"] = "no such key",
        ["NotFound"] = "not found (no such key, or no such bucket)",
        ["NoSuchUpload"] = "no such upload (it was completed or aborted, or the upload id is wrong)",
        ["AccessDenied"] = "access denied",
        ["PreconditionFailed"] = "the object changed on the server during the transfer",
        ["InvalidRange"] = "the requested range is past the end of the object",
        ["KeyTooLongError"] = "the key is too long",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Answers about the bucket alone.</summary>
    private static readonly FrozenDictionary<string, string> AboutBucket = new Dictionary<string, string>
    {
        ["NoSuchBucket"] = "no such bucket",
        ["BucketAlreadyOwnedByYou"] = "the bucket already exists (and is yours)",
        ["BucketAlreadyExists"] = "the bucket name is already taken",
        ["InvalidBucketName"] = "not a valid bucket name",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Answers about the connection settings, whatever the request was.</summary>
    private static readonly FrozenDictionary<string, string> AboutConnection = new Dictionary<string, string>
    {
        ["InvalidAccessKeyId"] = "the server does not know this access key id (check --access-key, AWS_ACCESS_KEY_ID or the profile)",
        ["SignatureDoesNotMatch"] = "the secret key does not match the access key id (check --secret-key, AWS_SECRET_ACCESS_KEY or the profile)",
        ["RequestTimeTooSkewed"] = "this machine's clock differs too much from the server's",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The message and code for <paramref name="error"/>, asking the server about the bucket when a HEAD's 404 leaves it open.</summary>
    public static async Task<(string Message, string Code)> DescribeAsync(AmazonS3Exception error, CommandContext context, CancellationToken cancellationToken)
    {
        bool? bucketExists = null;
        if (HasNoBody(error) && error.StatusCode == HttpStatusCode.NotFound && context.Subject is { Key.Length: > 0 } subject)
        {
            bucketExists = await BucketExistsAsync(context, subject.Bucket, cancellationToken).ConfigureAwait(false);
        }

        return Describe(error, context.Subject, bucketExists);
    }

    /// <summary>
    /// The message and code for <paramref name="error"/> about <paramref name="subject"/> (null: no particular
    /// bucket); <paramref name="bucketExists"/> settles a body-less 404 when known.
    /// </summary>
    public static (string Message, string Code) Describe(AmazonS3Exception error, S3Location? subject, bool? bucketExists)
    {
        var noBody = HasNoBody(error);
        var code = noBody ? CodeForStatus(error, subject, bucketExists) : error.ErrorCode ?? error.StatusCode.ToString();
        if (AboutConnection.TryGetValue(code, out var text))
        {
            return (text, code);
        }

        if (AboutBucket.TryGetValue(code, out text))
        {
            return (Named(subject is null ? null : subject with { Key = string.Empty }, text), code);
        }

        if (AboutSubject.TryGetValue(code, out text))
        {
            return (Named(subject, text), code);
        }

        var detail = noBody
            ? $"the server answered {(int)error.StatusCode} {error.StatusCode}"
            : $"{error.Message.TrimEnd('.', ' ')} ({code})";
        return (Named(subject, detail), code);
    }

    /// <summary>
    /// An answer without an XML error document (any HEAD): the SDK then makes the status name ("NotFound") the
    /// code, and the message a sentence that only repeats it.
    /// </summary>
    private static bool HasNoBody(AmazonS3Exception error) =>
        error.ErrorCode is null || error.ErrorCode == error.StatusCode.ToString();

    private static string CodeForStatus(AmazonS3Exception error, S3Location? subject, bool? bucketExists) => error.StatusCode switch
    {
        HttpStatusCode.NotFound when subject is { Key.Length: > 0 } => bucketExists switch
        {
            true => "NoSuchKey",
            false => "NoSuchBucket",
            null => "NotFound",
        },
        HttpStatusCode.NotFound when subject is not null => "NoSuchBucket",
        HttpStatusCode.Forbidden => "AccessDenied",
        _ => error.ErrorCode ?? error.StatusCode.ToString(),
    };

    private static string Named(S3Location? subject, string text) => subject is null ? text : $"{subject}: {text}";

    /// <summary>HEAD of the bucket: true if it exists, false if the server says it does not, null if that cannot be learned.</summary>
    private static async Task<bool?> BucketExistsAsync(CommandContext context, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            using var s3 = context.CreateClient();
            await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Only the wording of an error already being reported depends on this answer.
            return null;
        }
    }
}
