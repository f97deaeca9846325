using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// The condition on the object a write replaces (PutObject, CopyObject's target, CompleteMultipartUpload):
/// <c>x-oss-forbid-overwrite: true</c> stores only if the key is free, together with any standard If-Match /
/// If-None-Match the request carries. The refusal is the shared PreconditionFailed, which the OSS error catalogue
/// spells FileAlreadyExists.
/// </summary>
internal static class OssWriteConditions
{
    public static WriteCondition ForWrite(IHeaderDictionary headers)
    {
        var condition = WriteConditions.ForWrite(headers);
        return ForbidsOverwrite(headers) ? condition with { IfNoneMatchAny = true } : condition;
    }

    /// <summary>Whether the request carries <c>x-oss-forbid-overwrite: true</c>; a value other than true or false is InvalidArgument.</summary>
    public static bool ForbidsOverwrite(IHeaderDictionary headers)
    {
        if (AsksForbidOverwrite(headers))
        {
            return true;
        }

        var value = headers[OssHeaders.ForbidOverwrite].ToString().Trim();
        return value.Length == 0 || value.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new CairnException(ErrorCode.InvalidArgument, $"The {OssHeaders.ForbidOverwrite} header must be true or false.")
            {
                Details = new ErrorDetails { ArgumentName = OssHeaders.ForbidOverwrite, ArgumentValue = value },
            };
    }

    /// <summary>Whether the request asked for <c>x-oss-forbid-overwrite: true</c>, without judging other values (for describing a failure).</summary>
    public static bool AsksForbidOverwrite(IHeaderDictionary headers) =>
        headers[OssHeaders.ForbidOverwrite].ToString().Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
}
