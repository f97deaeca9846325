using System.Text.Json;

namespace Cairn.Server.Callbacks;

/// <summary>
/// A callback's custom variables: names that start with <c>x:</c> and have no upper-case letter, each with a string
/// value, given as base64 JSON (<c>x-oss-callback-var</c> or the <c>callback-var</c> query parameter) or, in a form
/// upload, as one form field each.
/// </summary>
internal static class CallbackVariables
{
    public const string Prefix = "x:";

    /// <summary>The variables of a base64 JSON object (400 InvalidArgument on <paramref name="argument"/> otherwise).</summary>
    public static IReadOnlyDictionary<string, string> Parse(string encoded, string argument)
    {
        using var document = CallbackJson.Decode(encoded, argument);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            Check(property.Name, argument);
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw CallbackFailures.InvalidArgument(argument, $"The callback variable '{property.Name}' must have a string value.");
            }

            variables[property.Name] = property.Value.GetString()!;
        }

        return variables;
    }

    /// <summary>The variables among a form's fields: every field whose name starts with <c>x:</c>, in any case.</summary>
    public static IReadOnlyDictionary<string, string> FromForm(IReadOnlyDictionary<string, string> fields, string argument)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                Check(name, argument);
                variables[name] = value;
            }
        }

        return variables;
    }

    private static void Check(string name, string argument)
    {
        if (name.Length <= Prefix.Length || !name.StartsWith(Prefix, StringComparison.Ordinal) || name.Any(char.IsUpper))
        {
            throw CallbackFailures.InvalidArgument(argument,
                $"The callback variable '{name}' is invalid: custom variable names start with 'x:' and are lower case (x:my_var).");
        }
    }
}
