using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's storage class names. Every object lives on the same disks, stored as S3's STANDARD and shown to OSS
/// clients as Standard; OSS's colder classes cannot be honoured and answer NotImplemented, an unknown name is
/// InvalidArgument.
/// </summary>
internal static class OssStorageClasses
{
    public const string Standard = "Standard";

    private static readonly HashSet<string> Colder = new(StringComparer.OrdinalIgnoreCase) { "IA", "Archive", "ColdArchive", "DeepColdArchive" };

    /// <summary>The class to store from <c>x-oss-storage-class</c>: null when absent, STANDARD for Standard.</summary>
    public static string? Read(IHeaderDictionary headers)
    {
        var name = headers[OssHeaders.StorageClass].ToString();
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
}
