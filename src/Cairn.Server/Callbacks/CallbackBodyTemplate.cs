using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cairn.Server.Callbacks;

/// <summary>
/// A callback body (callbackBody): text with <c>${name}</c> references to the system variables
/// (<see cref="CallbackSystemVariables"/>) and to the client's <c>x:</c> variables. It is parsed and checked when the
/// request arrives, so a reference to an unknown variable, a malformed one, or a JSON body that would not be JSON
/// refuses the upload before anything is stored; rendering after the store cannot fail.
/// </summary>
internal sealed class CallbackBodyTemplate
{
    private const string Open = "${";
    private const char Close = '}';

    /// <summary>The literal text and the referenced names, in order; a name is never empty.</summary>
    private readonly IReadOnlyList<(string Text, bool IsVariable)> _parts;

    private CallbackBodyTemplate(IReadOnlyList<(string Text, bool IsVariable)> parts, CallbackBodyType type)
    {
        _parts = parts;
        Type = type;
    }

    public CallbackBodyType Type { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; every reference must name a system variable or one of
    /// <paramref name="customNames"/> (400 InvalidArgument on <paramref name="argument"/> otherwise).
    /// </summary>
    public static CallbackBodyTemplate Parse(string text, CallbackBodyType type, IEnumerable<string> customNames, string argument)
    {
        var known = new HashSet<string>(customNames, StringComparer.Ordinal);
        var parts = new List<(string, bool)>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((text[position..], false));
                break;
            }

            if (open > position)
            {
                parts.Add((text[position..open], false));
            }

            var close = text.IndexOf(Close, open + Open.Length);
            if (close < 0)
            {
                throw CallbackFailures.InvalidArgument(argument, $"The callback body has a variable reference '${{' at offset {open} that is never closed with '}}'.");
            }

            var name = text[(open + Open.Length)..close];
            CheckReference(name, known, argument);
            parts.Add((name, true));
            position = close + 1;
        }

        var template = new CallbackBodyTemplate(parts, type);
        if (type == CallbackBodyType.Json)
        {
            template.CheckJson(argument);
        }

        return template;
    }

    /// <summary>The body for these values: form values percent-encoded, JSON values as JSON strings or numbers.</summary>
    public string Render(IReadOnlyDictionary<string, CallbackValue> system, IReadOnlyDictionary<string, string> custom)
    {
        var body = new StringBuilder();
        foreach (var (text, isVariable) in _parts)
        {
            if (!isVariable)
            {
                body.Append(text);
                continue;
            }

            var value = system.TryGetValue(text, out var known) ? known : new CallbackValue(custom[text]);
            body.Append(Type == CallbackBodyType.Json ? JsonValue(value) : Uri.EscapeDataString(value.Text));
        }

        return body.ToString();
    }

    private static void CheckReference(string name, HashSet<string> custom, string argument)
    {
        if (name.Length == 0 || name.Contains(Open, StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw CallbackFailures.InvalidArgument(argument, $"The callback body has a malformed variable reference '${{{name}}}'.");
        }

        if (CallbackSystemVariables.Names.Contains(name) || custom.Contains(name))
        {
            return;
        }

        throw CallbackFailures.InvalidArgument(argument, name.StartsWith(CallbackVariables.Prefix, StringComparison.Ordinal)
            ? $"The callback body refers to '${{{name}}}', a custom variable the request does not define."
            : $"The callback body refers to '${{{name}}}', which is not a callback variable.");
    }

    /// <summary>
    /// A number stays bare only when it has digits (the imageInfo sizes are empty, and become ""), so that any JSON
    /// template stays JSON whatever the values.
    /// </summary>
    private static string JsonValue(CallbackValue value) =>
        value.IsNumber && value.Text.Length > 0
            ? value.Text
            : "\"" + JsonEncodedText.Encode(value.Text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    /// <summary>A JSON body must be JSON once its values are in: checked with placeholder values of each kind.</summary>
    private void CheckJson(string argument)
    {
        var sample = new Dictionary<string, CallbackValue>(StringComparer.Ordinal);
        foreach (var name in CallbackSystemVariables.Names)
        {
            sample[name] = name == CallbackSystemVariables.Size ? new("0", IsNumber: true) : new("v");
        }

        var custom = _parts.Where(p => p.IsVariable && !sample.ContainsKey(p.Text)).Select(p => p.Text).Distinct(StringComparer.Ordinal)
            .ToDictionary(n => n, _ => "v", StringComparer.Ordinal);
        try
        {
            using var _ = JsonDocument.Parse(Render(sample, custom));
        }
        catch (JsonException)
        {
            throw CallbackFailures.InvalidArgument(argument,
                "The callback body is not JSON once its variables are substituted; with callbackBodyType application/json, "
                + "write a variable where a JSON value goes, without quotes: {\"object\":${object},\"size\":${size}}.");
        }
    }
}
