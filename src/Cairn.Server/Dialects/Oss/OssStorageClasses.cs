using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's storage class names on Cairn's one class: every object lives on the same disks, stored as S3's STANDARD and
/// shown to OSS clients as Standard, so both dialects read it back as their own name. OSS's colder classes (IA,
/// Archive, ColdArchive, DeepColdArchive) promise cheaper storage with restore-before-read that Cairn does not have:
/// NotImplemented, nothing done. A name OSS does not know is InvalidArgument.
/// </summary>
internal static class OssStorageClasses
{
    public const string Standard = "Standard";

    private static readonly HashSet<string> Colder = new(StringComparer.OrdinalIgnoreCase) { "IA", "Archive", "ColdArchive", "DeepColdArchive" };

    /// <summary>The class to store from <c>x-oss-storage-class</c>: null when absent, STANDARD for Standard.</summary>
    public static string? Read(IHeaderDictionary headers) => Read(headers[OssHeaders.StorageClass].ToString());

    /// <summary>The class to store for a name (a header's or a CreateBucketConfiguration's): null when none is named.</summary>
    public static string? Read(string? value)
    {
        var name = value?.Trim() ?? string.Empty;
        return name switch
        {
            "" => null,
            _ when name.Equals(Standard, StringComparison.OrdinalIgnoreCase) => StorageClasses.Standard,
            _ when Colder.Contains(name) => throw UnsupportedHeaders.NotImplemented(OssHeaders.StorageClass,
                $"Cairn stores every object in the Standard storage class; {name} cannot be honoured, so nothing was done."),
            _ => throw new CairnException(ErrorCode.InvalidArgument, "The storage class you specified is not valid.")
            {
                Details = new ErrorDetails { ArgumentName = OssHeaders.StorageClass, ArgumentValue = name },
            },
        };
    }

    /// <summary>The OSS name of a stored class (STANDARD, or none recorded, is Standard).</summary>
    public static string Spell(string? stored) =>
        stored is null || stored == StorageClasses.Standard ? Standard : stored;
}
