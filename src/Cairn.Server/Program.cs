using Cairn.Server.Configuration;
using Cairn.Server.Hosting;

// Settings: see ServerSettings. A problem the operator can fix (unknown setting, data directory in use, port
// taken) ends the process with one line on stderr and one of ServerExitCodes.
try
{
    var options = ServerSettings.Load(args);
    await using var host = await CairnHost.StartAsync(options);
    Console.WriteLine($"Cairn listening on {host.BaseAddress.ToString().TrimEnd('/')} (node {options.NodeId}, data in {options.DataDirectory})");
    if (host.ManagementAddress is { } management)
    {
        Console.WriteLine($"Health and metrics on {management.ToString().TrimEnd('/')} (/health/live, /health/ready, /metrics)");
    }

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
