namespace Cairn.Server.Hosting;

/// <summary>Server-wide access-control settings (<c>Cairn:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Turns every public-access switch on for every bucket, whatever the bucket's own public access block says
    /// (a bucket's setting can only add to it). Off by default, as S3's own defaults are for compatibility tests.
    /// </summary>
    public bool BlockPublicAccess { get; set; }
}
