using System.Text.Json;
using Cairn.Core.Authorization.Policies.Conditions;

namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// Reads and validates a policy document. Every refusal names what is wrong: the element, the statement (its
/// position and Sid), the value. Element names are case-sensitive, as AWS spells them; an element given twice or
/// one the language does not have is refused rather than ignored, so that no part of a policy is silently dropped.
/// </summary>
internal static class PolicyParser
{
    public const string Version2012 = "2012-10-17";
    public const string Version2008 = "2008-10-17";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16 };

    private static readonly HashSet<string> DocumentElements = ["Version", "Id", "Statement"];

    /// <summary>What a trust policy's statements apply to: their role, whatever its ARN.</summary>
    private static readonly JsonDocument TrustResource = JsonDocument.Parse("\"*\"");

    private static readonly HashSet<string> StatementElements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static (string Version, string? Id, IReadOnlyList<PolicyStatement> Statements) Parse(string text, PolicyKind kind)
    {
        if (PolicyLimits.IsTooLarge(text, kind))
        {
            throw new MalformedPolicyException(
                $"Policy exceeds the maximum allowed document size: at most {PolicyLimits.MaxBytes(kind)} bytes.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new MalformedPolicyException($"Policies must be valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedPolicyException("Policies must be valid JSON and the first byte must be '{'.");
            }

            var elements = Elements(document.RootElement, DocumentElements, "the policy");
            var version = elements.TryGetValue("Version", out var v) ? ReadString(v, "Version") : Version2008;
            if (version is not (Version2012 or Version2008))
            {
                throw new MalformedPolicyException($"Invalid policy Version \"{version}\": it must be {Version2012} or {Version2008}.");
            }

            var id = elements.TryGetValue("Id", out var idElement) ? ReadString(idElement, "Id") : null;
            if (!elements.TryGetValue("Statement", out var statementElement))
            {
                throw new MalformedPolicyException("Missing required field Statement.");
            }

            var statements = ReadStatements(statementElement, kind, variables: version == Version2012);
            return (version, id, statements);
        }
    }

    private static List<PolicyStatement> ReadStatements(JsonElement element, PolicyKind kind, bool variables)
    {
        var items = element.ValueKind switch
        {
            JsonValueKind.Object => [element],
            JsonValueKind.Array when element.GetArrayLength() > 0 => element.EnumerateArray().ToList(),
            _ => throw new MalformedPolicyException("Statement must be an object or a non-empty array of objects."),
        };

        var statements = new List<PolicyStatement>(items.Count);
        var sids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var statement = ReadStatement(items[i], i, kind, variables);
            if (statement.Sid is not null && !sids.Add(statement.Sid))
            {
                throw new MalformedPolicyException($"Statement IDs (SID) must be unique: \"{statement.Sid}\" is used twice.");
            }

            statements.Add(statement);
        }

        return statements;
    }

    private static PolicyStatement ReadStatement(JsonElement element, int index, PolicyKind kind, bool variables)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"statement {index + 1} must be an object.");
        }

        var where = PolicyJson.StatementName(index, null);
        var elements = Elements(element, StatementElements, where);
        var sid = elements.TryGetValue("Sid", out var sidElement) ? ReadString(sidElement, $"Sid of {where}") : null;
        where = PolicyJson.StatementName(index, sid);

        var (principal, notPrincipal) = OneOf(elements, "Principal", "NotPrincipal", where, required: false);
        if (kind is PolicyKind.Bucket or PolicyKind.Trust && principal is null)
        {
            throw new MalformedPolicyException($"Missing required field Principal in {where}.");
        }

        if (kind == PolicyKind.User && principal is not null)
        {
            throw new MalformedPolicyException($"A user policy must not name a Principal or NotPrincipal ({where}).");
        }

        var (action, notAction) = OneOf(elements, "Action", "NotAction", where, required: true);
        if (kind == PolicyKind.Trust && (elements.ContainsKey("Resource") || elements.ContainsKey("NotResource")))
        {
            throw new MalformedPolicyException($"Has prohibited field Resource: a trust policy applies to its role ({where}).");
        }

        var (resource, notResource) = kind == PolicyKind.Trust
            ? (TrustResource.RootElement, false)
            : OneOf(elements, "Resource", "NotResource", where, required: true);
        var actionName = notAction ? "NotAction" : "Action";
        var resourceName = notResource ? "NotResource" : "Resource";
        return new PolicyStatement
        {
            Sid = sid,
            Effect = ReadEffect(elements, where),
            Principals = principal is { } p ? PrincipalSet.Parse(p, where) : null,
            NotPrincipal = notPrincipal,
            Actions = ActionSet.Parse(PolicyJson.Strings(action!.Value, $"{actionName} of {where}"), kind, $"{actionName} of {where}"),
            NotAction = notAction,
            Resources = ResourceSet.Parse(PolicyJson.Strings(resource!.Value, $"{resourceName} of {where}"), variables, $"{resourceName} of {where}"),
            NotResource = notResource,
            Conditions = elements.TryGetValue("Condition", out var condition)
                ? ConditionBlock.Parse(condition, variables, where)
                : ConditionBlock.Empty,
        };
    }

    private static PolicyEffect ReadEffect(Dictionary<string, JsonElement> elements, string where)
    {
        if (!elements.TryGetValue("Effect", out var element))
        {
            throw new MalformedPolicyException($"Missing required field Effect in {where}.");
        }

        return ReadString(element, $"Effect of {where}") switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            var other => throw new MalformedPolicyException($"Invalid effect \"{other}\" in {where}: it must be Allow or Deny."),
        };
    }

    /// <summary>The element present of a pair that excludes each other (Action/NotAction...), and whether it is the Not form.</summary>
    private static (JsonElement? Element, bool Not) OneOf(
        Dictionary<string, JsonElement> elements, string name, string notName, string where, bool required)
    {
        var has = elements.TryGetValue(name, out var element);
        var hasNot = elements.TryGetValue(notName, out var notElement);
        if (has && hasNot)
        {
            throw new MalformedPolicyException($"{where} has both {name} and {notName}: only one of them is allowed.");
        }

        if (required && !has && !hasNot)
        {
            throw new MalformedPolicyException($"Missing required field {name} (or {notName}) in {where}.");
        }

        return has ? (element, false) : hasNot ? (notElement, true) : (null, false);
    }

    private static Dictionary<string, JsonElement> Elements(JsonElement element, HashSet<string> allowed, string where)
    {
        var elements = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw new MalformedPolicyException($"Unknown field \"{property.Name}\" in {where}.");
            }

            if (!elements.TryAdd(property.Name, property.Value))
            {
                throw new MalformedPolicyException($"Field \"{property.Name}\" is given twice in {where}.");
            }
        }

        return elements;
    }

    private static string ReadString(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new MalformedPolicyException($"{what} must be a string, not {element.GetRawText()}.");
}
