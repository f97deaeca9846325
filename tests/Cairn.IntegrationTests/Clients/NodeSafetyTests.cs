using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Several Cairn processes on one data directory, as an operator starts them: each names itself
/// (<c>Cairn:NodeId</c>); a second process with a node id already running there is refused at once, and so is a
/// second node while the metadata is the embedded SQLite database, which serves one node; and a starting node
/// cleans up only its own temp directory, never the temp files of another node.
/// </summary>
public sealed class NodeSafetyTests : IAsyncLifetime
{
    private const string AccessKey = "cairn-nodes-root";
    private const string SecretKey = "cairn-nodes-secret-0123456789";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> RootEnvironment = new()
    {
        ["CAIRN_ROOT_USER"] = AccessKey,
        ["CAIRN_ROOT_PASSWORD"] = SecretKey,
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cairn-nodes-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<CairnServerProcess> _servers = [];
    private readonly List<CairnHost> _hosts = [];

    private string DataDirectory => Path.Combine(_root, "data");

    private string DatabasePath => Path.Combine(DataDirectory, CairnHost.DatabaseFileName);

    [Fact]
    public async Task A_second_process_with_the_same_node_id_exits_at_once_naming_the_holder()
    {
        var first = await StartProcessAsync("node-a");

        var (exitCode, lines) = await RunToExitAsync("node-a");

        Assert.Equal(ServerExitCodes.DataDirectoryInUse, exitCode);
        Assert.Equal(
            $"cairn: data directory {DataDirectory} is in use by another Cairn process (pid {first.ProcessId} on {Environment.MachineName}, node node-a); stop it or choose another --data",
            Assert.Single(lines));
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task A_second_node_on_a_data_directory_whose_SQLite_metadata_is_in_use_exits_at_once_saying_that_several_nodes_need_PostgreSQL()
    {
        var first = await StartProcessAsync("node-a");

        var (exitCode, lines) = await RunToExitAsync("node-b");

        Assert.Equal(ServerExitCodes.DataDirectoryInUse, exitCode);
        Assert.Equal(
            $"cairn: metadata database {DatabasePath} is in use by another Cairn node (pid {first.ProcessId} on {Environment.MachineName}, node node-a); " +
            "SQLite metadata serves one node: several nodes on one data directory need PostgreSQL metadata (--metadata)",
            Assert.Single(lines));
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task In_one_process_a_second_host_is_refused_with_the_same_node_id_and_with_another_one_while_SQLite_serves_the_first()
    {
        await StartHostAsync(Options("node-a"));

        var sameNode = await Assert.ThrowsAsync<ServerStartException>(() => CairnHost.StartAsync(Options("node-a")));
        var otherNode = await Assert.ThrowsAsync<ServerStartException>(() => CairnHost.StartAsync(Options("node-b")));

        Assert.Equal(ServerExitCodes.DataDirectoryInUse, sameNode.ExitCode);
        Assert.Contains("is in use by another Cairn process", sameNode.Message, StringComparison.Ordinal);
        Assert.Contains(", node node-a)", sameNode.Message, StringComparison.Ordinal);
        Assert.Equal(ServerExitCodes.DataDirectoryInUse, otherNode.ExitCode);
        Assert.Contains("SQLite metadata serves one node", otherNode.Message, StringComparison.Ordinal);

        // The refused node let go of its own lock: once the first is gone, it starts.
        await _hosts[0].DisposeAsync();
        _hosts.Clear();
        await StartHostAsync(Options("node-b"));
    }

    [Fact]
    public async Task A_node_id_that_cannot_name_a_file_stops_the_start_with_one_line_before_the_data_directory_is_made()
    {
        var (exitCode, lines) = await CairnServerProcess.RunToExitAsync(
            ["--data", DataDirectory, "--Cairn:NodeId=../escape"], RootEnvironment, Patience);

        Assert.Equal(ServerExitCodes.ConfigurationError, exitCode);
        Assert.Equal(
            "cairn: invalid value '../escape' for 'Cairn:NodeId' (expected 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', other than '.' and '..')",
            Assert.Single(lines));
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task A_starting_node_sweeps_its_own_abandoned_temp_files_and_never_another_nodes()
    {
        var own = OldTempFile("node-a");
        var others = OldTempFile("node-b");
        var options = Options("node-a");
        options.StartupSweepGrace = TimeSpan.Zero;

        await StartHostAsync(options);

        Assert.False(File.Exists(own), "node-a's own leftover outlived its start");
        Assert.True(File.Exists(others), "node-a swept a temp file of node-b");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<CairnServerProcess> StartProcessAsync(string nodeId)
    {
        var server = await CairnServerProcess.StartAsync(
            DataDirectory, AccessKey, SecretKey, new Dictionary<string, string>(TestMetadata.EmbeddedEnvironment) { ["CAIRN__NodeId"] = nodeId });
        _servers.Add(server);
        return server;
    }

    private Task<(int ExitCode, IReadOnlyList<string> Lines)> RunToExitAsync(string nodeId) =>
        CairnServerProcess.RunToExitAsync(
            ["--data", DataDirectory, "--urls", $"http://127.0.0.1:{CairnServerProcess.FreePort()}", $"--Cairn:NodeId={nodeId}"],
            RootEnvironment,
            Patience);

    private async Task StartHostAsync(CairnOptions options) => _hosts.Add(await CairnHost.StartAsync(options));

    private CairnOptions Options(string nodeId)
    {
        var options = TestMetadata.Embedded(CairnServerFixture.TestOptions(DataDirectory));
        options.NodeId = nodeId;
        return options;
    }

    /// <summary>A temp file in the node's temp directory that no writer holds, written two hours ago.</summary>
    private string OldTempFile(string nodeId)
    {
        var path = Path.Combine(DataDirectory, "tmp", nodeId, "0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "left by " + nodeId);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-2));
        return path;
    }
}
