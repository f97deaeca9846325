using System.Security.Cryptography;
using Cairn.Core.Identity;
using Cairn.Server.Hosting;

namespace Cairn.Server.Tests.Hosting;

/// <summary>
/// The master key comes from the configuration when set, else from the data directory's key file, created 0600 once:
/// servers starting together on one directory all get the same key.
/// </summary>
public sealed class MasterKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cairn-master-key-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_key_file_is_created_owner_only_once_and_read_again_after()
    {
        var first = MasterKey.Load(Options());
        var path = Path.Combine(_directory, MasterKey.FileName);

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var second = MasterKey.Load(Options());
        Assert.True(second.TryOpen("AK", first.Seal("AK", "secret"), out var opened));
        Assert.Equal("secret", opened);
        Assert.Equal([MasterKey.FileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Servers_creating_the_key_file_together_all_end_up_with_one_key()
    {
        using var start = new ManualResetEventSlim();
        var loads = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return MasterKey.Load(Options());
        })).ToList();
        start.Set();
        var boxes = await Task.WhenAll(loads);

        var sealedSecret = boxes[0].Seal("AK", "secret");
        Assert.All(boxes, box => Assert.True(box.TryOpen("AK", sealedSecret, out _)));
        Assert.Equal([MasterKey.FileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_configured_key_is_used_and_no_file_is_made()
    {
        var key = RandomNumberGenerator.GetBytes(SecretBox.KeySize);
        var configured = Options();
        configured.MasterKey = Convert.ToBase64String(key);

        var box = MasterKey.Load(configured);

        Assert.True(new SecretBox(key).TryOpen("AK", box.Seal("AK", "secret"), out _));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    public void A_configured_key_that_is_not_32_bytes_in_base64_stops_the_start(string value)
    {
        var configured = Options();
        configured.MasterKey = value;

        var refused = Assert.Throws<ServerStartException>(() => MasterKey.Load(configured));

        Assert.Equal(ServerExitCodes.ConfigurationError, refused.ExitCode);
        Assert.Contains("CAIRN_MASTER_KEY", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    private CairnOptions Options() => new() { DataDirectory = _directory };
}
