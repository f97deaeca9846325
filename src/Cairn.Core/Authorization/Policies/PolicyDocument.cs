namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// A parsed, validated policy document (bucket or user policy): the one evaluator both kinds share. Parsing does all
/// the work a request would otherwise repeat (patterns, operators, typed values), so evaluating walks ready
/// statements. The grammar, operators, variables and limits are described in docs/access-control.md "Policies".
/// </summary>
public sealed class PolicyDocument
{
    private readonly IReadOnlyList<PolicyStatement> _statements;

    private PolicyDocument(string text, PolicyKind kind, string version, string? id, IReadOnlyList<PolicyStatement> statements)
    {
        Text = text;
        Kind = kind;
        Version = version;
        Id = id;
        _statements = statements;
        IsPublic = PublicPolicyRule.IsPublic(statements);
        Principals = [.. statements.Where(s => s.Principals is not null).SelectMany(s => s.Principals!.Named).Distinct()];
        Resources = [.. statements.SelectMany(s => s.Resources.Values).Select(t => t.Text).Distinct()];
    }

    /// <summary>The document as the client sent it (GetBucketPolicy and GetUserPolicy answer it unchanged).</summary>
    public string Text { get; }

    public PolicyKind Kind { get; }

    /// <summary>The language version: "2012-10-17", or "2008-10-17" (also when absent), which has no policy variables.</summary>
    public string Version { get; }

    /// <summary>The optional Id element.</summary>
    public string? Id { get; }

    /// <summary>Every identity the Principal and NotPrincipal elements name ("*" aside), so a server can check they exist.</summary>
    public IReadOnlyList<PolicyPrincipal> Principals { get; }

    /// <summary>Every Resource and NotResource value as written, so a server can check what a bucket policy may name.</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary>True when an Allow statement reaches anonymous or any-user principals without a narrowing condition.</summary>
    public bool IsPublic { get; }

    /// <summary>Parses and validates; <see cref="MalformedPolicyException"/> names what is wrong.</summary>
    public static PolicyDocument Parse(string text, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (version, id, statements) = PolicyParser.Parse(text, kind);
        return new PolicyDocument(text, kind, version, id, statements);
    }

    /// <summary>What this policy says about <paramref name="request"/>: an explicit Deny wins over any Allow.</summary>
    public PolicyVerdict Evaluate(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new PolicyContext(request);
        var verdict = PolicyVerdict.NotApplicable;
        foreach (var statement in _statements)
        {
            if (!statement.Applies(context))
            {
                continue;
            }

            if (statement.Effect == PolicyEffect.Deny)
            {
                return PolicyVerdict.Deny;
            }

            verdict = PolicyVerdict.Allow;
        }

        return verdict;
    }
}
