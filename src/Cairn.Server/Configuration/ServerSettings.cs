using Cairn.Server.Hosting;

namespace Cairn.Server.Configuration;

/// <summary>
/// The server's settings: appsettings.json (next to the binary, then the working directory), CAIRN__* / Cairn__*
/// environment variables, CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD / CAIRN_MASTER_KEY, and command-line flags
/// (--Cairn:Key=value and the short forms). Anything that would be silently ignored or fail to bind stops the start instead. The
/// <c>Logging</c> section of the same sources sets log levels (e.g. <c>Logging:LogLevel:Cairn.Requests</c>).
/// </summary>
internal static class ServerSettings
{
    /// <summary>The short command-line forms and the keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShortFlags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--data"] = "Cairn:DataDirectory",
        ["--urls"] = "Cairn:Urls",
        ["--domain"] = "Cairn:Domain",
        ["--region"] = "Cairn:Region",
        ["--metadata"] = "Cairn:Metadata:ConnectionString",
    };

    /// <summary>Reads, checks and binds the settings; throws <see cref="ServerStartException"/> with one line on a problem.</summary>
    public static CairnOptions Load(string[] args)
    {
        Refuse(SettingsValidator.CheckFlags(args, ShortFlags, CairnOptions.SectionName, typeof(CairnOptions)));
        var configuration = Build(args);
        var section = configuration.GetSection(CairnOptions.SectionName);
        Refuse(SettingsValidator.CheckSection(section, typeof(CairnOptions)));
        var options = section.Get<CairnOptions>() ?? new CairnOptions();
        options.ConfigureLogging = logging => logging.AddConfiguration(configuration.GetSection("Logging"));
        return options;
    }

    private static IConfigurationRoot Build(string[] args)
    {
        try
        {
            return new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Cairn:RootUser"] = Environment.GetEnvironmentVariable("CAIRN_ROOT_USER"),
                    ["Cairn:RootPassword"] = Environment.GetEnvironmentVariable("CAIRN_ROOT_PASSWORD"),
                    ["Cairn:MasterKey"] = Environment.GetEnvironmentVariable("CAIRN_MASTER_KEY"),
                }.Where(p => !string.IsNullOrEmpty(p.Value)))
                .AddCommandLine(args, ShortFlags.ToDictionary())
                .Build();
        }
        catch (InvalidDataException e)
        {
            // A malformed appsettings.json: the provider names the file, its inner exception the spot.
            throw new ServerStartException(ServerExitCodes.ConfigurationError, $"{e.Message} {e.InnerException?.Message}".Trim(), e);
        }
    }

    private static void Refuse(string? problem)
    {
        if (problem is not null)
        {
            throw new ServerStartException(ServerExitCodes.ConfigurationError, problem);
        }
    }
}
