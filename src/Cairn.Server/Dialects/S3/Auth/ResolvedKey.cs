using Cairn.Core.Identity;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>What a verifier needs of an accepted access key: the secret to check the signature, and who it acts as.</summary>
internal sealed record ResolvedKey(string Secret, Principal Principal)
{
    /// <summary>Everything but the secret.</summary>
    public override string ToString() => $"ResolvedKey {{ Principal = {Principal} }}";
}
