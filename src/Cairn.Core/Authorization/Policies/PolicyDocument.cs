namespace Cairn.Core.Authorization.Policies;

/// <summary>A parsed, validated policy document (bucket or user policy).</summary>
public sealed class PolicyDocument
{
    private PolicyDocument(string text)
    {
        Text = text;
    }

    /// <summary>The document as the client sent it (GetBucketPolicy and GetUserPolicy answer it unchanged).</summary>
    public string Text { get; }

    /// <summary>Parses and validates; <see cref="MalformedPolicyException"/> names what is wrong.</summary>
    public static PolicyDocument Parse(string text, PolicyKind kind) => throw new NotImplementedException();

    /// <summary>What this policy says about <paramref name="request"/>: an explicit Deny wins over any Allow.</summary>
    public PolicyVerdict Evaluate(PolicyRequest request) => throw new NotImplementedException();

    /// <summary>True when an Allow statement reaches anonymous or any-user principals without a narrowing condition.</summary>
    public bool IsPublic => throw new NotImplementedException();
}
