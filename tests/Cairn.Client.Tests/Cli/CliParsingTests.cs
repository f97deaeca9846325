using Cairn.Cli;
using Cairn.Cli.Configuration;
using Cairn.Cli.Output;
using Cairn.Cli.Paths;

namespace Cairn.Client.Tests.Cli;

/// <summary>In-process tests of the CLI's parsing: sizes, durations, s3:// paths, and where credentials come from.</summary>
public sealed class CliParsingTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "cairn-home-" + Guid.NewGuid().ToString("N")[..8]);

    [Theory]
    [InlineData("8MiB", 8L * 1024 * 1024)]
    [InlineData("8m", 8L * 1024 * 1024)]
    [InlineData("100KiB", 100L * 1024)]
    [InlineData("5MB", 5_000_000L)]
    [InlineData("1.5GiB", 1536L * 1024 * 1024)]
    [InlineData("5242880", 5242880L)]
    public void ByteSize_Parses(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("-1MiB")]
    [InlineData("lots")]
    public void ByteSize_RejectsGarbage(string text) => Assert.Throws<UsageException>(() => ByteSize.Parse(text));

    [Fact]
    public void DurationText_Parses()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), DurationText.Parse("15m"));
        Assert.Equal(TimeSpan.FromDays(7), DurationText.Parse("7d"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), DurationText.Parse("250ms"));
        Assert.Equal(TimeSpan.FromSeconds(90), DurationText.Parse("90"));
    }

    [Fact]
    public void S3Location_ParsesBucketAndKey()
    {
        Assert.Equal(new S3Location("b", "dir/key.txt"), S3Location.Parse("s3://b/dir/key.txt"));
        Assert.Equal(new S3Location("b", string.Empty), S3Location.Parse("s3://b"));
        Assert.Equal("dir/", S3Location.Parse("s3://b/dir").AsFolderPrefix());
        Assert.Equal("s3://b/dir/x", S3Location.Parse("s3://b/dir").Child("x").ToString());
        Assert.Throws<UsageException>(() => S3Location.Parse("s3://"));
        Assert.Throws<UsageException>(() => S3Location.Parse("s3://b/dir/").RequireKey());
    }

    [Fact]
    public void ConnectionResolver_FlagsBeatNamedProfileBeatEnvironmentBeatDefaultProfile()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".aws"));
        File.WriteAllText(Path.Combine(_home, ".aws", "credentials"), """
            # comment
            [default]
            aws_access_key_id = default-key
            aws_secret_access_key = default-secret
            [named]
            aws_access_key_id = named-key
            aws_secret_access_key = named-secret
            """);
        File.WriteAllText(Path.Combine(_home, ".aws", "config"), """
            [default]
            endpoint_url = http://default.invalid:1
            [profile named]
            endpoint_url = http://named.invalid:2
            region = eu-west-1
            s3 =
              addressing_style = path
            """);
        var environment = new Dictionary<string, string>();
        var resolver = new ConnectionResolver(name => environment.GetValueOrDefault(name), _home);
        var none = new ConnectionFlags(null, null, null, null, null);

        var fromDefault = resolver.Resolve(none);
        Assert.Equal(("default-key", "http://default.invalid:1/"), (fromDefault.AccessKey, fromDefault.Endpoint.ToString()));

        environment["AWS_ACCESS_KEY_ID"] = "env-key";
        environment["AWS_SECRET_ACCESS_KEY"] = "env-secret";
        environment["AWS_ENDPOINT_URL"] = "http://env.invalid:3";
        var fromEnvironment = resolver.Resolve(none);
        Assert.Equal(("env-key", "http://env.invalid:3/"), (fromEnvironment.AccessKey, fromEnvironment.Endpoint.ToString()));

        var fromNamed = resolver.Resolve(none with { Profile = "named" });
        Assert.Equal(("named-key", "http://named.invalid:2/", "eu-west-1"), (fromNamed.AccessKey, fromNamed.Endpoint.ToString(), fromNamed.Region));

        var fromFlags = resolver.Resolve(new ConnectionFlags("127.0.0.1:9000", "flag-key", "flag-secret", null, "named"));
        Assert.Equal(("flag-key", "http://127.0.0.1:9000/"), (fromFlags.AccessKey, fromFlags.Endpoint.ToString()));

        Assert.Throws<UsageException>(() => resolver.Resolve(none with { Profile = "missing" }));
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
