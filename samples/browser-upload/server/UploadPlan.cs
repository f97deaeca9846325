namespace Cairn.Samples.BrowserUpload;

/// <summary>
/// Decides the key and the part size of a new upload: the key under the configured prefix (a random folder, so two
/// uploads of one file name never collide), the part size at least the configured one and large enough for the file
/// to fit in S3's 10,000 parts.
/// </summary>
public static class UploadPlan
{
    public const int MaxParts = 10_000;
    public const long MaxObjectSize = 5L * 1024 * 1024 * 1024 * 1024;
    private const long MiB = 1024 * 1024;

    public static string KeyFor(string prefix, string fileName)
    {
        var safe = new string(Path.GetFileName(fileName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        return $"{prefix}{Guid.NewGuid():N}/{(safe.Length == 0 ? "file" : safe)}";
    }

    public static long PartSizeFor(long fileSize, long configured)
    {
        var smallestThatFits = (fileSize + MaxParts - 1) / MaxParts;
        return Math.Max(configured, (smallestThatFits + MiB - 1) / MiB * MiB);
    }

    public static int PartCount(long fileSize, long partSize) => (int)Math.Max(1, (fileSize + partSize - 1) / partSize);
}
