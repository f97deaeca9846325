using Cairn.Core.Errors;

namespace Cairn.Server.Auth;

internal static class CredentialStoreExtensions
{
    /// <summary>The secret of <paramref name="accessKeyId"/>; unknown keys are 403 InvalidAccessKeyId (SPEC.md §2.1 step 1).</summary>
    public static string GetSecretOrThrow(this ICredentialStore store, string accessKeyId)
    {
        if (!store.TryGetSecret(accessKeyId, out var secret))
        {
            throw new CairnException(ErrorCode.InvalidAccessKeyId,
                "The AWS Access Key Id you provided does not exist in our records.")
            {
                Extra = new Dictionary<string, string> { ["AWSAccessKeyId"] = accessKeyId },
            };
        }

        return secret;
    }
}
