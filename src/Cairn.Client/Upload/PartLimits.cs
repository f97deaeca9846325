namespace Cairn.Client.Upload;

/// <summary>
/// A server's multipart rules. Cairn defaults to a 100 KiB minimum part (AWS S3 requires 5 MiB), a 5 GiB maximum
/// and 10,000 parts; a client talking to AWS should pass <see cref="AwsS3"/>.
/// </summary>
public sealed record PartLimits(long MinPartSize, long MaxPartSize, int MaxParts)
{
    public const long MiB = 1024 * 1024;

    public static PartLimits Cairn { get; } = new(100 * 1024, 5L * 1024 * MiB, 10_000);

    public static PartLimits AwsS3 { get; } = new(5 * MiB, 5L * 1024 * MiB, 10_000);
}
