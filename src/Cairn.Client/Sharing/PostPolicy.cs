using System.Globalization;
using System.Text.Json;
using Cairn.Client.Signing;

namespace Cairn.Client.Sharing;

/// <summary>
/// Builds and signs the policy of a browser POST upload (S3's POST Object): what the form may upload (bucket, key,
/// size, Content-Type, metadata, answer status...) until when. A condition that pins a field to one value also puts
/// that field in the form; a starts-with condition leaves the field to the uploader (the key gets a default, e.g.
/// <c>prefix/${filename}</c>, which the server fills with the uploaded file's name).
/// </summary>
public sealed class PostPolicy
{
    private const string Service = "s3";
    private readonly List<PostPolicyCondition> _conditions = [];
    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <param name="bucket">The bucket the form uploads to (a <c>bucket</c> condition).</param>
    /// <param name="expiration">When the form stops working: at most 7 days after signing.</param>
    public PostPolicy(string bucket, DateTimeOffset expiration)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        Bucket = bucket;
        Expiration = expiration;
        _conditions.Add(new PostPolicyCondition.ExactMatch("bucket", bucket));
    }

    public string Bucket { get; }

    public DateTimeOffset Expiration { get; }

    public IReadOnlyList<PostPolicyCondition> Conditions => _conditions;

    /// <summary>The object key must be exactly <paramref name="key"/>.</summary>
    public PostPolicy Key(string key) => Field("key", key);

    /// <summary>The key must start with <paramref name="prefix"/>; the form's key is <paramref name="defaultKey"/> (prefix + <c>${filename}</c> unless given).</summary>
    public PostPolicy KeyStartsWith(string prefix, string? defaultKey = null)
    {
        _conditions.Add(new PostPolicyCondition.StartsWith("key", prefix));
        _fields.Add(new("key", defaultKey ?? prefix + "${filename}"));
        return this;
    }

    /// <summary>The file must have between <paramref name="min"/> and <paramref name="max"/> bytes.</summary>
    public PostPolicy ContentLengthRange(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        _conditions.Add(new PostPolicyCondition.ContentLengthRange(min, max));
        return this;
    }

    public PostPolicy ContentType(string contentType) => Field("Content-Type", contentType);

    /// <summary>User metadata <c>x-amz-meta-<paramref name="name"/></c> stored with the object.</summary>
    public PostPolicy Metadata(string name, string value) => Field("x-amz-meta-" + name, value);

    /// <summary>The status of a successful upload's answer: 200, 201 (with an XML body) or 204.</summary>
    public PostPolicy SuccessActionStatus(int status) =>
        status is 200 or 201 or 204
            ? Field("success_action_status", status.ToString(CultureInfo.InvariantCulture))
            : throw new ArgumentOutOfRangeException(nameof(status), status, "success_action_status is 200, 201 or 204.");

    public PostPolicy SuccessActionRedirect(Uri redirect) => Field("success_action_redirect", redirect?.ToString() ?? throw new ArgumentNullException(nameof(redirect)));

    public PostPolicy Acl(string cannedAcl) => Field("acl", cannedAcl);

    /// <summary>Form field <paramref name="name"/> must be <paramref name="value"/>; the form carries it.</summary>
    public PostPolicy Field(string name, string value)
    {
        _conditions.Add(new PostPolicyCondition.ExactMatch(name, value));
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Form field <paramref name="name"/> must start with <paramref name="prefix"/>; the uploader adds it.</summary>
    public PostPolicy FieldStartsWith(string name, string prefix)
    {
        _conditions.Add(new PostPolicyCondition.StartsWith(name, prefix));
        return this;
    }

    /// <summary>
    /// Signs with SigV4 as <paramref name="connection"/>'s credentials (its session token included, as a condition
    /// and a field, when they are temporary) at <paramref name="now"/>: the policy's base64 is the string to sign.
    /// </summary>
    public PostForm Sign(CairnConnection connection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Expiration <= now || Expiration - now > SigV4.MaxPresignedValidity)
        {
            throw new ArgumentOutOfRangeException(nameof(now), "A POST policy expires after it is signed and at most 7 days later.");
        }

        var amzDate = SigV4.AmzDate(now);
        var scope = SigV4.Scope(amzDate, connection.Region, Service);
        List<KeyValuePair<string, string>> signing =
        [
            new("x-amz-algorithm", SigV4.Algorithm),
            new("x-amz-credential", $"{connection.AccessKey}/{scope}"),
            new("x-amz-date", amzDate),
        ];
        if (connection.SessionToken is { Length: > 0 } token)
        {
            signing.Add(new("x-amz-security-token", token));
        }

        var policy = Convert.ToBase64String(Document([.. _conditions, .. signing.Select(f => new PostPolicyCondition.ExactMatch(f.Key, f.Value))]));
        var signature = SigV4.Signature(SigV4.SigningKey(connection.SecretKey, amzDate, connection.Region, Service), policy);
        var url = new Uri(connection.Endpoint, "/" + SigV4.UriEncode(Bucket));
        return new PostForm(url, [.. _fields, .. signing, new("policy", policy), new("x-amz-signature", signature)], Expiration);
    }

    /// <summary>The policy document's UTF-8 JSON: expiration (ISO 8601, UTC, milliseconds) and conditions.</summary>
    private byte[] Document(IEnumerable<PostPolicyCondition> conditions)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("expiration", Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteStartArray("conditions");
            foreach (var condition in conditions)
            {
                condition.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
