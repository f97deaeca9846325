using Cairn.Server.Hosting;

// Configuration: appsettings.json, CAIRN__* / Cairn__* environment variables, --Cairn:Key=value flags,
// plus the short forms --data, --urls and CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD.
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Cairn:RootUser"] = Environment.GetEnvironmentVariable("CAIRN_ROOT_USER"),
        ["Cairn:RootPassword"] = Environment.GetEnvironmentVariable("CAIRN_ROOT_PASSWORD"),
    }.Where(p => !string.IsNullOrEmpty(p.Value)))
    .AddCommandLine(args, new Dictionary<string, string>
    {
        ["--data"] = "Cairn:DataDirectory",
        ["--urls"] = "Cairn:Urls",
        ["--domain"] = "Cairn:Domain",
        ["--region"] = "Cairn:Region",
    })
    .Build();

var options = configuration.GetSection(CairnOptions.SectionName).Get<CairnOptions>() ?? new CairnOptions();

// A problem the operator can fix (data directory in use, port taken) ends the process with one line on
// stderr and one of ServerExitCodes.
try
{
    await using var host = await CairnHost.StartAsync(options);
    Console.WriteLine($"Cairn listening on {host.BaseAddress.ToString().TrimEnd('/')} (data in {options.DataDirectory})");
    if (host.CredentialsGenerated)
    {
        Console.WriteLine($"Generated root credentials (stored in the data dir; shown only now):");
        Console.WriteLine($"  access key: {host.AccessKey}");
        Console.WriteLine($"  secret key: {host.SecretKey}");
    }

    await host.WaitForShutdownAsync();
    return ServerExitCodes.Stopped;
}
catch (ServerStartException e)
{
    Console.Error.WriteLine($"cairn: {e.Message}");
    return e.ExitCode;
}
