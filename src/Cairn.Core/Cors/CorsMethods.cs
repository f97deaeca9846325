using System.Collections.Frozen;

namespace Cairn.Core.Cors;

/// <summary>The methods a CORS rule may allow: S3 accepts exactly these five, spelled in capitals.</summary>
public static class CorsMethods
{
    public static readonly FrozenSet<string> Supported = FrozenSet.Create(StringComparer.Ordinal, "GET", "PUT", "POST", "DELETE", "HEAD");
}
