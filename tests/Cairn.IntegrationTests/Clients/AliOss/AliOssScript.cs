using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// Runs the commands of tests/oss-fixture (<c>node oss.js &lt;command&gt; ...</c>, Alibaba's ali-oss 6.23.0 driven
/// against the test server) and parses the JSON document each prints last. Owns a scratch directory for the files
/// the commands upload, deleted on dispose. Node missing from PATH, or the fixture's dependencies not installed
/// (<c>npm ci --prefix tests/oss-fixture</c>, which .ci/run does), skips locally and fails under CI.
/// </summary>
public sealed class AliOssScript(ITestOutputHelper output) : IDisposable
{
    private const string AliOssVersion = "6.23.0";

    private static readonly Lazy<string> Fixture = new(FindFixture);

    /// <summary>A scratch directory for the test's files, deleted on dispose.</summary>
    public string Root { get; } = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "cairn-alioss-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    /// <summary>Runs <paramref name="command"/> with <paramref name="arguments"/> over <paramref name="connection"/>; fails unless it exits 0.</summary>
    public async Task<JsonElement> RunAsync(AliOssConnection connection, string command, params string[] arguments)
    {
        var node = ExternalTool.Require("node");
        var script = Path.Combine(RequireFixture(), "oss.js");
        var result = await ExternalTool.RunAsync(node, [script, command, .. arguments], connection.Environment, Root, TimeSpan.FromMinutes(4));
        output.WriteLine(result.Describe());
        result.EnsureSuccess($"The ali-oss command '{command}'");
        using var json = ClientRunner.LastJsonLine(result);
        return json.RootElement.Clone();
    }

    /// <summary>A file of <paramref name="length"/> reproducible pseudo-random bytes in the scratch directory.</summary>
    public async Task<string> CreateFileAsync(string name, long length, ulong seed)
    {
        var path = Path.Combine(Root, name);
        await using var file = File.Create(path);
        await using var content = new DeterministicStream(length, seed);
        await content.CopyToAsync(file);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The fixture directory once ali-oss is installed in it at the pinned version; otherwise a skip/failure.</summary>
    private static string RequireFixture()
    {
        var manifest = Path.Combine(Fixture.Value, "node_modules", "ali-oss", "package.json");
        if (!File.Exists(manifest))
        {
            ExternalTool.Unavailable($"ali-oss is not installed in {Fixture.Value} (run: npm ci --prefix tests/oss-fixture)");
        }

        using var package = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = package.RootElement.GetProperty("version").GetString();
        if (version != AliOssVersion)
        {
            ExternalTool.Unavailable($"{manifest} is ali-oss {version}, not {AliOssVersion} (run: npm ci --prefix tests/oss-fixture)");
        }

        return Fixture.Value;
    }

    /// <summary>tests/oss-fixture of the repository these tests were built from (found by walking up to Cairn.slnx).</summary>
    private static string FindFixture()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cairn.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "oss-fixture");
            }
        }

        throw new InvalidOperationException($"No Cairn.slnx above {AppContext.BaseDirectory}: the ali-oss tests run the repository's tests/oss-fixture.");
    }
}
