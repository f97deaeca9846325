namespace Cairn.Cli.Configuration;

/// <summary>
/// Reads the AWS shared files: <c>~/.aws/credentials</c> (sections <c>[name]</c>) and <c>~/.aws/config</c>
/// (sections <c>[profile name]</c>, or <c>[default]</c>), with <c>key = value</c> lines and <c>#</c>/<c>;</c>
/// comments. Only the flat keys the CLI needs are read (aws_access_key_id, aws_secret_access_key,
/// aws_session_token, region, endpoint_url); nested service sections are skipped.
/// </summary>
internal sealed class ProfileFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections;

    private ProfileFile(Dictionary<string, Dictionary<string, string>> sections) => _sections = sections;

    public static ProfileFile Empty { get; } = new([]);

    /// <summary>Loads a file; a missing file is empty. <paramref name="isConfigFile"/> strips the "profile " prefix.</summary>
    public static ProfileFile Load(string path, bool isConfigFile)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                var name = line[1..^1].Trim();
                if (isConfigFile && name.StartsWith("profile ", StringComparison.Ordinal))
                {
                    name = name["profile ".Length..].Trim();
                }

                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new(StringComparer.OrdinalIgnoreCase);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && equals > 0 && !char.IsWhiteSpace(raw[0]))
            {
                var value = line[(equals + 1)..].Trim();
                if (value.Length > 0)
                {
                    current[line[..equals].Trim()] = value;
                }
            }
        }

        return new ProfileFile(sections);
    }

    public bool HasProfile(string profile) => _sections.ContainsKey(profile);

    public string? Get(string profile, string key) =>
        _sections.TryGetValue(profile, out var section) && section.TryGetValue(key, out var value) ? value : null;
}
