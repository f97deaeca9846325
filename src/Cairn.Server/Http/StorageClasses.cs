using Cairn.Core.Errors;
using Cairn.Core.Model;

namespace Cairn.Server.Http;

/// <summary>
/// Storage classes are accepted and reported back but change nothing: every object lives on the same disks.
/// Unknown names are rejected like S3 does.
/// </summary>
internal static class StorageClasses
{
    private static readonly HashSet<string> Known =
    [
        "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
        "DEEP_ARCHIVE", "GLACIER_IR", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE",
    ];

    public static ObjectHeaders Validate(ObjectHeaders headers) =>
        headers.StorageClass is null || Known.Contains(headers.StorageClass)
            ? headers
            : throw new CairnException(ErrorCode.InvalidStorageClass, "The storage class you specified is not valid.");
}
