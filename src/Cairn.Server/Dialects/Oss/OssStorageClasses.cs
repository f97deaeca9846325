using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's storage classes on Cairn's one class: every object lives on the same disks, which is OSS's Standard and
/// S3's STANDARD alike (stored as STANDARD, so both dialects read it back as their own name). IA, Archive,
/// ColdArchive and DeepColdArchive promise cheaper, colder storage with restore-before-read that Cairn does not
/// have: NotImplemented, nothing done. A name OSS does not know is InvalidArgument.
/// </summary>
internal static class OssStorageClasses
{
    public const string Standard = "Standard";

    private static readonly string[] Colder = ["IA", "Archive", "ColdArchive", "DeepColdArchive"];

    /// <summary>The class to store for <paramref name="value"/> (null when the header is absent).</summary>
    public static string? Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var name = value.Trim();
        if (name.Equals(Standard, StringComparison.OrdinalIgnoreCase))
        {
            return StorageClasses.Standard;
        }

        if (Colder.Any(c => c.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            throw UnsupportedHeaders.NotImplemented(OssHeaders.StorageClass,
                $"Cairn stores every object in the Standard storage class; {name} cannot be honoured, so nothing was done.");
        }

        throw new CairnException(ErrorCode.InvalidArgument, $"The storage class {name} is not valid: Standard, IA, Archive, ColdArchive or DeepColdArchive.")
        {
            Details = new ErrorDetails { ArgumentName = OssHeaders.StorageClass, ArgumentValue = name },
        };
    }

    /// <summary>The OSS name of a stored class (STANDARD, or none recorded, is Standard).</summary>
    public static string Spell(string? stored) =>
        stored is null || stored == StorageClasses.Standard ? Standard : stored;
}
