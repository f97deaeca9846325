using System.Text.Json;

namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>
/// A statement's Condition element: <c>{ operator: { key: value | [values] } }</c>. Every operator-key pair must
/// hold (AND); the values of one pair are alternatives (OR). Keys are matched ignoring case.
/// </summary>
internal sealed class ConditionBlock
{
    private static readonly string[] KnownServices = ["aws", "s3", "iam", "sts"];

    private ConditionBlock(IReadOnlyList<IConditionClause> clauses)
    {
        Clauses = clauses;
    }

    public static ConditionBlock Empty { get; } = new([]);

    public IReadOnlyList<IConditionClause> Clauses { get; }

    public static ConditionBlock Parse(JsonElement element, bool variables, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"The Condition of {where} must be an object of operators.");
        }

        var clauses = new List<IConditionClause>();
        foreach (var operatorProperty in element.EnumerateObject())
        {
            var op = ConditionOperator.Parse(operatorProperty.Name, where);
            if (operatorProperty.Value.ValueKind != JsonValueKind.Object || !operatorProperty.Value.EnumerateObject().Any())
            {
                throw new MalformedPolicyException($"Condition operator {op.Name} in {where} must map condition keys to values.");
            }

            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                var key = CheckKey(keyProperty.Name, where);
                var values = ReadValues(keyProperty.Value, $"Condition {op.Name} \"{key}\" in {where}");
                clauses.Add(op.Family == OperatorFamily.Null
                    ? new NullClause(op, key, [.. values.Select(v => ValueTests.ParseNull(op, v, where))])
                        : new ValuesClause(op, key, values, [.. values.Select(v => ValueTests.Create(op, v, variables, where))]));
            }
        }

        return new ConditionBlock(clauses);
    }

    public bool Holds(PolicyContext context)
    {
        foreach (var clause in Clauses)
        {
            if (!clause.Holds(context))
            {
                return false;
            }
        }

        return true;
    }

    private static string CheckKey(string key, string where)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var service = colon > 0 ? key[..colon] : string.Empty;
        return colon < key.Length - 1 && KnownServices.Contains(service, StringComparer.OrdinalIgnoreCase)
            ? key
            : throw new MalformedPolicyException($"Policy has an invalid condition key: \"{key}\" in {where}.");
    }

    /// <summary>Condition values may be written as JSON strings, numbers or booleans, alone or in an array.</summary>
    private static List<string> ReadValues(JsonElement element, string what)
    {
        var items = element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray()] : new List<JsonElement> { element };
        if (items.Count == 0)
        {
            throw new MalformedPolicyException($"{what} has no value.");
        }

        return [.. items.Select(item => item.ValueKind switch
        {
            JsonValueKind.String => item.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => item.GetRawText(),
            _ => throw new MalformedPolicyException($"{what} must hold strings, numbers or booleans, not {item.GetRawText()}."),
        })];
    }
}
