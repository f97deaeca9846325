namespace Cairn.Core.Identity;

/// <summary>
/// Whether a user or an access key may be used. Inactive is kept rather than deleted so that switching a key off
/// is reversible and an owner id recorded on buckets and objects keeps naming someone.
/// </summary>
public enum IdentityStatus
{
    Active,
    Inactive,
}
