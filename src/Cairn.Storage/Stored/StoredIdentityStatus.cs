using Cairn.Core.Identity;

namespace Cairn.Storage.Stored;

/// <summary>
/// The stored spelling of <see cref="IdentityStatus"/>: fixed words, not the C# enum's names or numbers, so renaming
/// or reordering the enum never changes what the database means.
/// </summary>
internal static class StoredIdentityStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public static string Of(IdentityStatus status) => status switch
    {
        IdentityStatus.Active => Active,
        IdentityStatus.Inactive => Inactive,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static IdentityStatus Parse(string stored) => stored switch
    {
        Active => IdentityStatus.Active,
        Inactive => IdentityStatus.Inactive,
        _ => throw new InvalidDataException($"Unknown stored identity status '{stored}'."),
    };
}
