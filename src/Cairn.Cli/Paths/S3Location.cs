namespace Cairn.Cli.Paths;

/// <summary>
/// An <c>s3://bucket/key</c> argument. The key may be empty (the bucket itself) or end with '/' (a folder-like
/// prefix); no URL decoding is done, so keys are given exactly as stored.
/// </summary>
internal sealed record S3Location(string Bucket, string Key)
{
    public const string Scheme = "s3://";

    public static bool IsS3(string text) => text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static S3Location Parse(string text)
    {
        if (!IsS3(text))
        {
            throw new UsageException($"'{text}' is not an s3://bucket[/key] location.");
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (bucket.Length == 0)
        {
            throw new UsageException($"'{text}' names no bucket.");
        }

        return new S3Location(bucket, key);
    }

    /// <summary>The key, required to be non-empty (an object, not a bucket).</summary>
    public string RequireKey()
    {
        if (Key.Length == 0 || Key.EndsWith('/'))
        {
            throw new UsageException($"{this} names no object key.");
        }

        return Key;
    }

    /// <summary>The key as a listing prefix: empty, or ending with '/'.</summary>
    public string AsFolderPrefix() => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

    public S3Location Child(string relativeKey) => this with { Key = AsFolderPrefix() + relativeKey };

    public override string ToString() => Scheme + Bucket + (Key.Length > 0 ? "/" + Key : string.Empty);
}
