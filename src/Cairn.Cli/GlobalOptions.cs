using System.CommandLine;
using Cairn.Cli.Configuration;

namespace Cairn.Cli;

/// <summary>Options every command accepts (connection and output format), declared once and made recursive.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint", "--endpoint-url")
    {
        Description = "Service URL (default: AWS_ENDPOINT_URL, the profile's endpoint_url, or http://127.0.0.1:9000)",
        Recursive = true,
    };

    public Option<string?> AccessKey { get; } = new("--access-key") { Description = "Access key id (default: AWS_ACCESS_KEY_ID or profile)", Recursive = true };

    public Option<string?> SecretKey { get; } = new("--secret-key") { Description = "Secret access key (default: AWS_SECRET_ACCESS_KEY or profile)", Recursive = true };

    public Option<string?> Region { get; } = new("--region") { Description = "Signing region (default: AWS_REGION or us-east-1)", Recursive = true };

    public Option<string?> Profile { get; } = new("--profile") { Description = "Profile in ~/.aws/credentials and ~/.aws/config", Recursive = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Write results as JSON on stdout (for scripts)", Recursive = true };

    public void AddTo(RootCommand root)
    {
        foreach (var option in new Option[] { Endpoint, AccessKey, SecretKey, Region, Profile, Json })
        {
            root.Options.Add(option);
        }
    }

    public ConnectionFlags Flags(ParseResult parse) => new(
        parse.GetValue(Endpoint), parse.GetValue(AccessKey), parse.GetValue(SecretKey), parse.GetValue(Region), parse.GetValue(Profile));
}
