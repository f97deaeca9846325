namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// A Resource or condition value as written, parsed once: wildcard text and, in documents of version 2012-10-17,
/// policy variables (<c>${aws:username}</c>, <c>${s3:prefix, 'default'}</c>) and the escapes <c>${*}</c>,
/// <c>${?}</c>, <c>${$}</c>, which stand for those characters taken literally. A value without variables resolves
/// to the same pattern every time, built here once.
/// </summary>
internal sealed class PolicyTemplate
{
    private readonly IReadOnlyList<Part> _parts;
    private readonly WildcardPattern? _fixed;

    private PolicyTemplate(string text, IReadOnlyList<Part> parts)
    {
        Text = text;
        _parts = parts;
        if (parts.All(p => p.Variable is null))
        {
            _fixed = Resolve(parts, context: null);
        }
    }

    /// <summary>The value as written in the document.</summary>
    public string Text { get; }

    /// <summary>True when the value names a policy variable, so what it matches depends on the request.</summary>
    public bool HasVariables => _fixed is null;

    /// <summary>
    /// Parses <paramref name="text"/>; variables are recognised only when <paramref name="variables"/> is true (the
    /// 2012-10-17 language), otherwise <c>${...}</c> is ordinary text.
    /// </summary>
    public static PolicyTemplate Parse(string text, bool variables)
    {
        var parts = new List<Part>();
        var start = 0;
        var at = variables ? text.IndexOf("${", StringComparison.Ordinal) : -1;
        while (at >= 0)
        {
            var end = text.IndexOf('}', at + 2);
            if (end < 0)
            {
                break;
            }

            if (at > start)
            {
                parts.Add(new Part(text[start..at], Literal: false, Variable: null, Default: null));
            }

            parts.Add(ParseVariable(text[(at + 2)..end]));
            start = end + 1;
            at = text.IndexOf("${", start, StringComparison.Ordinal);
        }

        if (start < text.Length)
        {
            parts.Add(new Part(text[start..], Literal: false, Variable: null, Default: null));
        }

        return new PolicyTemplate(text, parts);
    }

    /// <summary>The pattern for this request; null when a variable it names has no value (the statement then does not apply).</summary>
    public WildcardPattern? Resolve(PolicyContext context) => _fixed ?? Resolve(_parts, context);

    private static WildcardPattern? Resolve(IReadOnlyList<Part> parts, PolicyContext? context)
    {
        var builder = new WildcardPattern.Builder();
        foreach (var part in parts)
        {
            if (part.Variable is null)
            {
                if (part.Literal)
                {
                    builder.AppendLiteral(part.Text);
                }
                else
                {
                    builder.AppendPattern(part.Text);
                }

                continue;
            }

            var value = context?.SingleValue(part.Variable) ?? part.Default;
            if (value is null)
            {
                return null;
            }

            builder.AppendLiteral(value);
        }

        return builder.Build();
    }

    /// <summary><c>${*}</c>, <c>${?}</c>, <c>${$}</c> or <c>${key}</c>, <c>${key, 'default'}</c> (the braces removed).</summary>
    private static Part ParseVariable(string inner)
    {
        if (inner is "*" or "?" or "$")
        {
            return new Part(inner, Literal: true, Variable: null, Default: null);
        }

        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            var fallback = inner[(comma + 1)..].Trim();
            if (fallback.Length >= 2 && fallback[0] == '\'' && fallback[^1] == '\'')
            {
                return new Part(string.Empty, Literal: false, Variable: inner[..comma].Trim(), Default: fallback[1..^1]);
            }
        }

        return new Part(string.Empty, Literal: false, Variable: inner.Trim(), Default: null);
    }

    private sealed record Part(string Text, bool Literal, string? Variable, string? Default);
}
