using Cairn.Core.Errors;

namespace Cairn.Server.Http;

/// <summary>
/// Buckets are unversioned, so every object has the version id "null". Tools that empty buckets or run
/// conformance suites send <c>versionId=null</c>; any other id is invalid (AWS answers the same for unversioned buckets).
/// </summary>
internal static class VersionIdQuery
{
    public const string NullVersion = "null";

    public static void Require(IQueryCollection query)
    {
        if (query.TryGetValue("versionId", out var value))
        {
            RequireNull(value.ToString());
        }
    }

    public static void RequireNull(string? versionId)
    {
        if (!string.IsNullOrEmpty(versionId) && versionId != NullVersion)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "Invalid version id specified")
            {
                Details = new ErrorDetails { ArgumentName = "versionId", ArgumentValue = versionId },
            };
        }
    }
}
