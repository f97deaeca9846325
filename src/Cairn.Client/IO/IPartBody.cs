namespace Cairn.Client.IO;

/// <summary>
/// A part's body as handed to the SDK, plus what the uploader needs after the request: the MD5 to check against
/// the returned ETag, and the progress it reported (to take back when the attempt fails).
/// </summary>
internal interface IPartBody
{
    long ReportedBytes { get; }

    byte[] ComputeMd5();
}
