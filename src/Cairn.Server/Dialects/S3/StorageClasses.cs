using Cairn.Core.Errors;
using Cairn.Core.Model;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// Every object lives on the same disks, which is the STANDARD class. A request for another class asks for
/// something Cairn does not do (cheaper, colder or less redundant storage, restore before read) and answers
/// NotImplemented; a name S3 does not know is InvalidStorageClass, as S3 answers it.
/// </summary>
internal static class StorageClasses
{
    public const string Standard = "STANDARD";

    private static readonly HashSet<string> Known =
    [
        Standard, "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
        "DEEP_ARCHIVE", "GLACIER_IR", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE",
    ];

    public static ObjectHeaders Validate(ObjectHeaders headers) => headers.StorageClass switch
    {
        null or Standard => headers,
        { } name when Known.Contains(name) => throw UnsupportedHeaders.NotImplemented(S3Headers.StorageClass,
            $"Cairn stores every object in the STANDARD storage class; {name} cannot be honoured, so nothing was done."),
        _ => throw new CairnException(ErrorCode.InvalidStorageClass, "The storage class you specified is not valid."),
    };
}
