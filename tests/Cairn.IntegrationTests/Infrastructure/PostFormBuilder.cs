using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>How a browser upload form is signed.</summary>
public enum PostSigning
{
    /// <summary>x-amz-algorithm, x-amz-credential, x-amz-date and x-amz-signature over the policy.</summary>
    SigV4,

    /// <summary>AWSAccessKeyId and signature (base64 HMAC-SHA1 of the policy).</summary>
    SigV2,

    /// <summary>No policy and no signature: an anonymous upload.</summary>
    Anonymous,

    /// <summary>OSS V1: OSSAccessKeyId and Signature (base64 HMAC-SHA1 of the policy).</summary>
    OssV1,

    /// <summary>OSS V4: x-oss-signature-version, x-oss-credential, x-oss-date and x-oss-signature over the policy.</summary>
    OssV4,
}

/// <summary>
/// Builds a browser upload's <c>multipart/form-data</c> body as a web page would send it: the fields in the order
/// added, then the signing fields, then the file. The policy is written from <see cref="Conditions"/> (JSON text,
/// one condition each) plus, for SigV4, the conditions pinning the signing fields, as SDKs do; its expiration and
/// the signing time are the builder's. The file content is any <see cref="HttpContent"/>, so a large one streams.
/// </summary>
public sealed class PostFormBuilder(string accessKey, string secretKey, PostSigning signing = PostSigning.SigV4)
{
    private readonly List<(string Name, string Value)> _fields = [];
    private readonly List<(string Name, string Value)> _after = [];

    /// <summary>The policy's conditions, each a JSON object or array.</summary>
    public List<string> Conditions { get; } = [];

    /// <summary>The signing time (x-amz-date and the credential scope's day).</summary>
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset Expiration { get; set; } = DateTimeOffset.UtcNow.AddHours(1);

    /// <summary>A session token, sent as x-amz-security-token and pinned by the policy.</summary>
    public string? SessionToken { get; set; }

    /// <summary>Replaces the computed signature (a forged form).</summary>
    public string? ForgedSignature { get; set; }

    /// <summary>The policy text exactly, instead of the one written from the conditions.</summary>
    public string? RawPolicy { get; set; }

    /// <summary>A field sent before the file, in order.</summary>
    public PostFormBuilder Field(string name, string value)
    {
        _fields.Add((name, value));
        return this;
    }

    /// <summary>A field sent after the file (which S3 never reads).</summary>
    public PostFormBuilder FieldAfterFile(string name, string value)
    {
        _after.Add((name, value));
        return this;
    }

    /// <summary>A field with an exact-match condition for it.</summary>
    public PostFormBuilder Covered(string name, string value)
    {
        Conditions.Add($"{{\"{name}\": \"{value}\"}}");
        return Field(name, value);
    }

    public MultipartFormDataContent Build(byte[] file, string fileName = "upload.bin") =>
        Build(new ByteArrayContent(file), fileName);

    /// <summary>The form with <paramref name="file"/> last, or without any file when it is null.</summary>
    public MultipartFormDataContent Build(HttpContent? file, string? fileName = "upload.bin")
    {
        var form = new MultipartFormDataContent("----cairn-form-" + Guid.NewGuid().ToString("N"));
        foreach (var (name, value) in _fields.Concat(SigningFields()))
        {
            form.Add(Text(value), name);
        }

        if (file is not null)
        {
            file.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
            if (fileName is null)
            {
                form.Add(file, "file");
            }
            else
            {
                form.Add(file, "file", fileName);
            }
        }

        foreach (var (name, value) in _after)
        {
            form.Add(Text(value), name);
        }

        return form;
    }

    /// <summary>The base64 policy the form carries.</summary>
    public string PolicyBase64() => Convert.ToBase64String(Encoding.UTF8.GetBytes(RawPolicy ?? PolicyJson()));

    /// <summary>The signature of the policy as it stands now (as the form signs).</summary>
    public string Signature()
    {
        var policy = PolicyBase64();
        return signing switch
        {
            PostSigning.SigV4 => SignV4(policy),
            PostSigning.OssV4 => new RawOssSigner(accessKey, secretKey).V4SignPolicy(Now, policy),
            _ => Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(policy))),
        };
    }

    private string PolicyJson()
    {
        var conditions = new List<string>(Conditions);
        if (signing == PostSigning.SigV4)
        {
            conditions.Add($"{{\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}}");
            conditions.Add($"{{\"x-amz-credential\": \"{Credential}\"}}");
            conditions.Add($"{{\"x-amz-date\": \"{AmzDate}\"}}");
        }

        if (signing == PostSigning.OssV4)
        {
            conditions.Add($"{{\"x-oss-signature-version\": \"OSS4-HMAC-SHA256\"}}");
            conditions.Add($"{{\"x-oss-credential\": \"{OssCredential}\"}}");
            conditions.Add($"{{\"x-oss-date\": \"{AmzDate}\"}}");
        }

        if (SessionToken is not null)
        {
            conditions.Add($"{{\"{TokenField}\": \"{SessionToken}\"}}");
        }

        var expiration = Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return $"{{\"expiration\": \"{expiration}\", \"conditions\": [{string.Join(", ", conditions)}]}}";
    }

    private string Day => Now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private string AmzDate => Now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private string Credential => $"{accessKey}/{Day}/us-east-1/s3/aws4_request";

    private string OssCredential => $"{accessKey}/{Day}/cn-hangzhou/oss/aliyun_v4_request";

    private string TokenField => signing is PostSigning.OssV1 or PostSigning.OssV4 ? "x-oss-security-token" : "x-amz-security-token";

    private IEnumerable<(string Name, string Value)> SigningFields()
    {
        if (signing == PostSigning.Anonymous)
        {
            yield break;
        }

        var policy = PolicyBase64();
        if (SessionToken is not null)
        {
            yield return (TokenField, SessionToken);
        }

        switch (signing)
        {
            case PostSigning.SigV4:
                yield return ("x-amz-algorithm", "AWS4-HMAC-SHA256");
                yield return ("x-amz-credential", Credential);
                yield return ("x-amz-date", AmzDate);
                yield return ("policy", policy);
                yield return ("x-amz-signature", ForgedSignature ?? Signature());
                break;
            case PostSigning.OssV4:
                yield return ("x-oss-signature-version", "OSS4-HMAC-SHA256");
                yield return ("x-oss-credential", OssCredential);
                yield return ("x-oss-date", AmzDate);
                yield return ("policy", policy);
                yield return ("x-oss-signature", ForgedSignature ?? Signature());
                break;
            case PostSigning.OssV1:
                yield return ("OSSAccessKeyId", accessKey);
                yield return ("policy", policy);
                yield return ("Signature", ForgedSignature ?? Signature());
                break;
            default:
                yield return ("AWSAccessKeyId", accessKey);
                yield return ("policy", policy);
                yield return ("signature", ForgedSignature ?? Signature());
                break;
        }
    }

    private string SignV4(string policy)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { Day, "us-east-1", "s3", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(policy)));
    }

    private static StringContent Text(string value)
    {
        var content = new StringContent(value, Encoding.UTF8);
        content.Headers.ContentType = null;
        return content;
    }
}
