namespace Cairn.Server.Hosting;

/// <summary>Server-wide access control settings (<c>Cairn:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// When true every bucket behaves as if its public access block had all four switches on, whatever its own
    /// setting says (docs/access-control.md "Public access block"). Off by default, as S3 compatibility tests expect.
    /// </summary>
    public bool BlockPublicAccess { get; set; }
}
