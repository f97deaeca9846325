namespace Cairn.Samples.BrowserUpload;

/// <summary>
/// Where the sample's uploads go and with which key: the configuration section <c>Cairn</c>, from the command line
/// (<c>--Cairn:Bucket=uploads</c>) or the environment (<c>Cairn__Bucket=uploads</c>). The key stays on this server;
/// browsers only ever see URLs signed with it, each good for one request on one upload.
/// </summary>
public sealed class UploadOptions
{
    public const string SectionName = "Cairn";

    /// <summary>Cairn's S3 address as browsers reach it; presigned URLs point there.</summary>
    public Uri ServiceUrl { get; set; } = new("http://127.0.0.1:9000");

    public string Region { get; set; } = "us-east-1";

    public string AccessKey { get; set; } = string.Empty;

    public string SecretKey { get; set; } = string.Empty;

    public string Bucket { get; set; } = "uploads";

    /// <summary>Every upload's key starts with this; URLs are signed for nothing else.</summary>
    public string Prefix { get; set; } = "browser/";

    /// <summary>The part size asked of browsers; grown for files that would need more than 10,000 parts.</summary>
    public long PartSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long a presigned URL works.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);
}
