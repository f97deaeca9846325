using System.ComponentModel;
using System.Reflection;

namespace Cairn.Server.Configuration;

/// <summary>
/// Refuses what the .NET configuration stack would silently ignore: a key under a settings section that no
/// option property binds, a value the property's type cannot take, and a command-line argument that is neither
/// a known short flag nor a key of the settings section. Each check returns one line for the operator (naming
/// the nearest known name) or null. Keys compare case-insensitively, as configuration keys do.
/// </summary>
internal static class SettingsValidator
{
    /// <summary>
    /// Checks every key under <paramref name="section"/> (recursively) against the settable properties of
    /// <paramref name="optionsType"/>: nested option classes are sections, everything else must be a value
    /// its type converter accepts. Properties no string can set (e.g. a clock) are not settings.
    /// </summary>
    public static string? CheckSection(IConfigurationSection section, Type optionsType) =>
        CheckChildren(section, optionsType, section.Key);

    /// <summary>
    /// Checks command-line arguments as the command-line configuration provider reads them: <c>--key value</c>,
    /// <c>--key=value</c>, <c>/key value</c>, <c>key=value</c>, and the mapped short flags. Only the short flags and
    /// keys of <paramref name="sectionName"/> are allowed (their keys are checked with the section).
    /// </summary>
    public static string? CheckFlags(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> shortFlags, string sectionName, Type optionsType)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var prefix = arg.StartsWith("--", StringComparison.Ordinal) ? 2 : arg.StartsWith('-') || arg.StartsWith('/') ? 1 : 0;
            var separator = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = separator < 0 ? arg : arg[..separator];
            if (prefix == 0 && separator < 0)
            {
                return $"unexpected argument '{arg}' (settings are flags: {string.Join(", ", shortFlags.Keys)} or --{sectionName}:<Key>=<value>)";
            }

            var mapped = shortFlags.ContainsKey(NormalizeSlash(flag));
            var key = flag[prefix..];
            var known = mapped || (prefix != 1 || arg[0] == '/') && key.StartsWith(sectionName + ":", StringComparison.OrdinalIgnoreCase);
            if (!known)
            {
                var suggestion = NearestName.Find(flag, KnownFlags(shortFlags, sectionName, optionsType));
                return $"unknown flag {flag}" + (suggestion is null ? string.Empty : $" (did you mean {suggestion}?)");
            }

            if (separator < 0)
            {
                if (i + 1 >= args.Count)
                {
                    return $"flag {flag} needs a value";
                }

                i++;
            }
        }

        return null;
    }

    private static string? CheckChildren(IConfigurationSection section, Type type, string path)
    {
        var properties = Settings(type);
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var tail = FirstLeaf(child);
                var given = $"{path}:{child.Key}{tail}";
                var nearest = NearestName.Find(child.Key, properties.Select(p => p.Name));
                return $"unknown setting '{given}'" + (nearest is null ? string.Empty : $" (did you mean '{path}:{nearest}{tail}'?)");
            }

            var childPath = $"{path}:{property.Name}";
            if (IsSection(property.PropertyType))
            {
                if (child.Value is not null)
                {
                    return $"'{childPath}' is a group of settings, not a value (its keys: {string.Join(", ", Settings(property.PropertyType).Select(p => p.Name))})";
                }

                if (CheckChildren(child, property.PropertyType, childPath) is { } problem)
                {
                    return problem;
                }

                continue;
            }

            if (child.GetChildren().Any())
            {
                return $"unknown setting '{childPath}{FirstLeaf(child)}' ('{childPath}' is a single value)";
            }

            if (!CanConvert(property.PropertyType, child.Value))
            {
                return $"invalid value '{child.Value}' for '{childPath}' (expected {Describe(property.PropertyType)})";
            }
        }

        return null;
    }

    /// <summary>Known flags for suggestions: the short forms and --Section:Key for every setting.</summary>
    private static IEnumerable<string> KnownFlags(IReadOnlyDictionary<string, string> shortFlags, string sectionName, Type optionsType) =>
        shortFlags.Keys.Concat(SettingPaths(optionsType, sectionName).Select(p => "--" + p));

    private static IEnumerable<string> SettingPaths(Type type, string path) =>
        Settings(type).SelectMany(p => IsSection(p.PropertyType)
            ? SettingPaths(p.PropertyType, $"{path}:{p.Name}")
            : [$"{path}:{p.Name}"]);

    /// <summary>The rest of the first key below an unknown one (":MaxPartSize" under "Limts"), to show the full key given.</summary>
    private static string FirstLeaf(IConfigurationSection section)
    {
        var tail = string.Empty;
        for (var current = section.GetChildren().FirstOrDefault(); current is not null; current = current.GetChildren().FirstOrDefault())
        {
            tail += ":" + current.Key;
        }

        return tail;
    }

    private static PropertyInfo[] Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && (IsSection(p.PropertyType) || FromString(p.PropertyType).CanConvertFrom(typeof(string))))
            .ToArray();

    /// <summary>A nested options class: bound key by key, never from one string.</summary>
    private static bool IsSection(Type type) =>
        type.IsClass && !type.IsAbstract && type != typeof(string) && type.GetConstructor(Type.EmptyTypes) is not null &&
        !FromString(type).CanConvertFrom(typeof(string));

    private static TypeConverter FromString(Type type) => TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type);

    /// <summary>
    /// What the configuration binder does with a value: the type's converter, invariant culture. Durations are
    /// intervals, timeouts and grace periods, none of which can run backwards.
    /// </summary>
    private static bool CanConvert(Type type, string? value)
    {
        if (value is null || type == typeof(string))
        {
            return true;
        }

        try
        {
            return FromString(type).ConvertFromInvariantString(value) is { } converted && converted is not TimeSpan { Ticks: < 0 };
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(TimeSpan) ? "a duration such as 00:01:00"
            : type == typeof(bool) ? "true or false"
            : type.Name;
    }

    /// <summary>"/data" is read as "--data", so short flags match in either spelling.</summary>
    private static string NormalizeSlash(string flag) => flag.StartsWith('/') ? "--" + flag[1..] : flag;
}
