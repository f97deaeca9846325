namespace Cairn.Client.Tests.Infrastructure;

/// <summary>HOME folder and environment variables for CLI child processes.</summary>
public sealed record CliEnvironment(string Home, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>Same HOME, different variables (e.g. without keys, or with another endpoint).</summary>
    public CliEnvironment With(string name, string? value)
    {
        var variables = new Dictionary<string, string>(Variables);
        if (value is null)
        {
            variables.Remove(name);
        }
        else
        {
            variables[name] = value;
        }

        return this with { Variables = variables };
    }

    public static CliEnvironment For(CairnServerFixture server, Uri? endpoint = null) => new(
        server.NewFolder("home"),
        new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = CairnServerFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = CairnServerFixture.SecretKey,
            ["AWS_ENDPOINT_URL"] = (endpoint ?? server.BaseAddress).ToString(),
        });

    public string CheckpointDirectory => Path.Combine(Home, ".cairn", "checkpoints");
}
