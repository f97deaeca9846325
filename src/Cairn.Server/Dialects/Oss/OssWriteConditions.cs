using Cairn.Core.Model;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// <c>x-oss-forbid-overwrite: true</c> on a write: store only if the key is free. The refusal is the shared
/// PreconditionFailed, which the OSS error catalogue spells FileAlreadyExists.
/// </summary>
internal static class OssWriteConditions
{
    public static WriteCondition ForWrite(IHeaderDictionary headers) =>
        string.Equals(headers[OssHeaders.ForbidOverwrite].ToString().Trim(), "true", StringComparison.OrdinalIgnoreCase)
            ? new WriteCondition(IfNoneMatchAny: true, IfMatch: null)
            : WriteCondition.None;
}
