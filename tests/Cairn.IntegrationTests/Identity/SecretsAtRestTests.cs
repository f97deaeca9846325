using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Cairn.Core.Identity;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.IntegrationTests.Identity;

/// <summary>
/// Access key secrets are kept sealed under the master key: the metadata files never hold one in the clear, keys keep
/// working across restarts, secrets written before sealing are sealed at start, and a wrong master key stops the start.
/// </summary>
public sealed class SecretsAtRestTests : IDisposable
{
    private const string Secret = "plaintext-canary-7f3a9c1e5b2d8f4a6c0e";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-it-secrets-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task No_secret_is_stored_in_the_clear_and_a_created_key_signs_after_a_restart()
    {
        var options = TestMetadata.Embedded(CairnServerFixture.TestOptions(_dataDirectory));
        await using (var first = await CairnHost.StartAsync(options))
        {
            await CreateUserWithKeyAsync(first, "AKCANARY", Secret);
        }

        var metadata = Directory.GetFiles(_dataDirectory, CairnHost.DatabaseFileName + "*").Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(metadata);
        foreach (var file in metadata)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)) < 0, $"{file} holds the access key's secret");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(options.RootPassword!)) < 0, $"{file} holds the root secret");
        }

        Assert.All(StoredSecrets(), stored => Assert.StartsWith("v1:", stored, StringComparison.Ordinal));
        await using var second = await CairnHost.StartAsync(TestMetadata.Embedded(CairnServerFixture.TestOptions(_dataDirectory)));
        using var client = ClientWith(second, "AKCANARY", Secret);
        await client.ListBucketsAsync();
    }

    [Fact]
    public async Task A_secret_stored_before_sealing_keeps_working_and_is_sealed_at_start()
    {
        await using (var first = await CairnHost.StartAsync(TestMetadata.Embedded(CairnServerFixture.TestOptions(_dataDirectory))))
        {
            await CreateUserWithKeyAsync(first, "AKLEGACY", "placeholder");
        }

        Execute("UPDATE access_keys SET secret = 'legacy-plain-secret' WHERE access_key_id = 'AKLEGACY'");

        await using var second = await CairnHost.StartAsync(TestMetadata.Embedded(CairnServerFixture.TestOptions(_dataDirectory)));
        Assert.All(StoredSecrets(), stored => Assert.StartsWith("v1:", stored, StringComparison.Ordinal));
        using var client = ClientWith(second, "AKLEGACY", "legacy-plain-secret");
        await client.ListBucketsAsync();
    }

    [Fact]
    public async Task A_wrong_master_key_stops_the_start_with_one_line_and_exit_code_2()
    {
        await using (await CairnHost.StartAsync(CairnServerFixture.TestOptions(_dataDirectory)))
        {
        }

        var options = CairnServerFixture.TestOptions(_dataDirectory);
        options.MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBox.KeySize));
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => CairnHost.StartAsync(options));

        Assert.Equal(ServerExitCodes.ConfigurationError, refused.ExitCode);
        Assert.Contains("master key", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.DoesNotContain(options.RootPassword!, refused.Message, StringComparison.Ordinal);

        // The right key (the data directory's file) still starts it.
        await using var again = await CairnHost.StartAsync(CairnServerFixture.TestOptions(_dataDirectory));
        using var client = CairnServerFixture.CreateClient(again);
        await client.ListBucketsAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static async Task CreateUserWithKeyAsync(CairnHost host, string accessKeyId, string secret)
    {
        var identities = host.Services.GetRequiredService<IIdentityStore>();
        var now = DateTimeOffset.UtcNow;
        var user = new User(UserIds.New(), "user-" + accessKeyId, now, IdentityStatus.Active);
        Assert.True(await identities.CreateUserAsync(user, CancellationToken.None));
        Assert.True(await identities.CreateAccessKeyAsync(new AccessKey(accessKeyId, secret, user.Id, IdentityStatus.Active, null, now), CancellationToken.None));
    }

    private List<string> StoredSecrets()
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret FROM access_keys";
        using var reader = command.ExecuteReader();
        var secrets = new List<string>();
        while (reader.Read())
        {
            secrets.Add(reader.GetString(0));
        }

        return secrets;
    }

    private void Execute(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, CairnHost.DatabaseFileName)};Pooling=False");
        connection.Open();
        return connection;
    }

    private static AmazonS3Client ClientWith(CairnHost host, string accessKey, string secret) =>
        new(new BasicAWSCredentials(accessKey, secret),
            new AmazonS3Config { ServiceURL = host.BaseAddress.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
