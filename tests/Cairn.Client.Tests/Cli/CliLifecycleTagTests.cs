using Amazon.S3.Model;
using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// <c>cairn lifecycle get|set|rm</c> and <c>cairn tag get|set|rm</c> against a real server: what is set is what a later
/// get shows, from the shorthand flags, aws cli's JSON and S3's XML alike; rm leaves nothing.
/// </summary>
public sealed class CliLifecycleTagTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    private const string AwsCliRules = """
        {"Rules": [
          {"ID": "expire-logs", "Filter": {"And": {"Prefix": "logs/", "Tags": [{"Key": "kind", "Value": "debug"}]}},
           "Status": "Enabled", "Expiration": {"Days": 30}},
          {"ID": "abort-uploads", "Filter": {"Prefix": ""}, "Status": "Disabled",
           "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 3}}
        ]}
        """;

    private const string S3XmlRules = """
        <LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Rule><ID>tmp</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>
        </LifecycleConfiguration>
        """;

    [Fact]
    public async Task Lifecycle_set_from_flags_json_and_xml_is_what_get_shows_and_rm_removes_it()
    {
        var bucket = await server.CreateBucketAsync();
        var environment = CliEnvironment.For(server);
        var folder = server.NewFolder("rules");
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.json"), AwsCliRules);
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.xml"), S3XmlRules);

        var shorthand = await CliProcess.RunAsync(environment, ["lifecycle", "set", $"s3://{bucket}", "--abort-incomplete-after", "7", "--prefix", "uploads/"]);
        var afterShorthand = await CliProcess.RunAsync(environment, ["lifecycle", "get", $"s3://{bucket}", "--json"]);
        var json = await CliProcess.RunAsync(environment, ["lifecycle", "set", $"s3://{bucket}", "--file", Path.Combine(folder, "rules.json")]);
        var afterJson = await CliProcess.RunAsync(environment, ["lifecycle", "get", $"s3://{bucket}"]);
        var xml = await CliProcess.RunAsync(environment, ["lifecycle", "set", $"s3://{bucket}", "--file", Path.Combine(folder, "rules.xml")]);
        var afterXml = await CliProcess.RunAsync(environment, ["lifecycle", "get", $"s3://{bucket}", "--json"]);
        var removed = await CliProcess.RunAsync(environment, ["lifecycle", "rm", $"s3://{bucket}"]);
        var gone = await CliProcess.RunAsync(environment, ["lifecycle", "get", $"s3://{bucket}", "--json"]);

        Assert.True(shorthand.ExitCode == 0, shorthand.ToString());
        var rule = Assert.Single(afterShorthand.Json.GetProperty("lifecycleConfiguration").GetProperty("Rules").EnumerateArray());
        Assert.Equal(7, rule.GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32());
        Assert.Equal("uploads/", rule.GetProperty("Filter").GetProperty("Prefix").GetString());
        Assert.Equal("Enabled", rule.GetProperty("Status").GetString());

        Assert.True(json.ExitCode == 0, json.ToString());
        var printed = System.Text.Json.JsonDocument.Parse(afterJson.Stdout).RootElement.GetProperty("Rules");
        Assert.Equal(["expire-logs", "abort-uploads"], printed.EnumerateArray().Select(r => r.GetProperty("ID").GetString()));
        var and = printed[0].GetProperty("Filter").GetProperty("And");
        Assert.Equal(("logs/", "kind", "debug"), (and.GetProperty("Prefix").GetString(), and.GetProperty("Tags")[0].GetProperty("Key").GetString(), and.GetProperty("Tags")[0].GetProperty("Value").GetString()));
        Assert.Equal(30, printed[0].GetProperty("Expiration").GetProperty("Days").GetInt32());
        Assert.Equal("Disabled", printed[1].GetProperty("Status").GetString());

        Assert.True(xml.ExitCode == 0, xml.ToString());
        var fromXml = Assert.Single(afterXml.Json.GetProperty("lifecycleConfiguration").GetProperty("Rules").EnumerateArray());
        Assert.Equal(("tmp", 1), (fromXml.GetProperty("ID").GetString(), fromXml.GetProperty("Expiration").GetProperty("Days").GetInt32()));
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal("NoSuchLifecycleConfiguration", gone.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lifecycle_set_needs_a_file_or_an_action_but_not_both()
    {
        var environment = CliEnvironment.For(server);

        var nothing = await CliProcess.RunAsync(environment, ["lifecycle", "set", "s3://some-bucket", "--prefix", "p/"]);
        var both = await CliProcess.RunAsync(environment, ["lifecycle", "set", "s3://some-bucket", "--file", "rules.json", "--expire-after", "3"]);

        Assert.Equal(2, nothing.ExitCode);
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Tags_set_on_an_object_and_a_bucket_are_what_get_shows_and_rm_removes_them()
    {
        var bucket = await server.CreateBucketAsync();
        using (var s3 = server.CreateClient())
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        }

        var environment = CliEnvironment.For(server);

        var set = await CliProcess.RunAsync(environment, ["tag", "set", $"s3://{bucket}/k", "team=blue", "note=a=b", "empty="]);
        var shown = await CliProcess.RunAsync(environment, ["tag", "get", $"s3://{bucket}/k"]);
        var setBucket = await CliProcess.RunAsync(environment, ["tag", "set", $"s3://{bucket}", "cost-centre=42"]);
        var bucketTags = await CliProcess.RunAsync(environment, ["tag", "get", $"s3://{bucket}", "--json"]);
        var removed = await CliProcess.RunAsync(environment, ["tag", "rm", $"s3://{bucket}/k"]);
        var none = await CliProcess.RunAsync(environment, ["tag", "get", $"s3://{bucket}/k", "--json"]);
        var malformed = await CliProcess.RunAsync(environment, ["tag", "set", $"s3://{bucket}/k", "no-equals-sign"]);

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal(new[] { "empty=", "note=a=b", "team=blue" }, shown.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.True(setBucket.ExitCode == 0, setBucket.ToString());
        var tag = Assert.Single(bucketTags.Json.GetProperty("tags").EnumerateArray());
        Assert.Equal(("cost-centre", "42"), (tag.GetProperty("key").GetString(), tag.GetProperty("value").GetString()));
        Assert.Equal(0, removed.ExitCode);
        Assert.Empty(none.Json.GetProperty("tags").EnumerateArray());
        Assert.Equal(2, malformed.ExitCode);
    }
}
