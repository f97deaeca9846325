using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;

namespace Cairn.Server.Iam;

/// <summary>
/// A policy document given to the admin API or STS (user, role, trust or session policy), validated before anything
/// keeps it: what is wrong becomes MalformedPolicyDocument naming the problem, as IAM and STS answer.
/// </summary>
internal static class PolicyText
{
    public static PolicyDocument Parse(string text, PolicyKind kind)
    {
        try
        {
            return PolicyDocument.Parse(text, kind);
        }
        catch (MalformedPolicyException e)
        {
            throw new CairnException(ErrorCode.MalformedPolicyDocument, e.Message);
        }
    }
}
