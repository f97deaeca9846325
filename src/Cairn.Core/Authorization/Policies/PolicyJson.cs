using System.Text.Json;

namespace Cairn.Core.Authorization.Policies;

/// <summary>The JSON shapes the policy language repeats: a string or an array of strings, and the name of a statement in messages.</summary>
internal static class PolicyJson
{
    /// <summary>A string, or a non-empty array of strings; anything else is malformed, named by <paramref name="what"/>.</summary>
    public static IReadOnlyList<string> Strings(JsonElement element, string what)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [element.GetString()!];
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                var values = new List<string>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        throw new MalformedPolicyException($"{what} must hold strings, not {item.GetRawText()}.");
                    }

                    values.Add(item.GetString()!);
                }

                return values;
            default:
                throw new MalformedPolicyException($"{what} must be a string or a non-empty array of strings.");
        }
    }

    /// <summary>How messages name a statement: its position (from 1) and its Sid when it has one.</summary>
    public static string StatementName(int index, string? sid) =>
        sid is null ? $"statement {index + 1}" : $"statement {index + 1} (Sid \"{sid}\")";
}
