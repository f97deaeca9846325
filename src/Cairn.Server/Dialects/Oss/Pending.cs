using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.Oss;

/// <summary>An operation the OSS dialect does not spell yet: 501 NotImplemented.</summary>
internal static class Pending
{
    public static CairnException Operation() => new(ErrorCode.NotImplemented, "This operation is not implemented in the OSS dialect.");
}
