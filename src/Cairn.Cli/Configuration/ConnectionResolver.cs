using Cairn.Client;

namespace Cairn.Cli.Configuration;

/// <summary>
/// Works out endpoint, keys and region from, in order: command-line flags; the profile named by
/// <c>--profile</c> or AWS_PROFILE; the standard environment variables (AWS_ACCESS_KEY_ID,
/// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_ENDPOINT_URL[_S3], AWS_REGION, AWS_DEFAULT_REGION); the
/// <c>default</c> profile. This is the order other S3 tools use, so an existing setup works unchanged. The
/// endpoint defaults to a local Cairn on 127.0.0.1:9000.
/// </summary>
internal sealed class ConnectionResolver
{
    public const string DefaultEndpoint = "http://127.0.0.1:9000";

    private readonly Func<string, string?> _environment;
    private readonly string _home;

    public ConnectionResolver(Func<string, string?> environment, string home)
    {
        _environment = environment;
        _home = home;
    }

    public static ConnectionResolver FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public CairnConnection Resolve(ConnectionFlags flags)
    {
        var credentialsFile = ProfileFile.Load(_environment("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(_home, ".aws", "credentials"), isConfigFile: false);
        var configFile = ProfileFile.Load(_environment("AWS_CONFIG_FILE") ?? Path.Combine(_home, ".aws", "config"), isConfigFile: true);
        var namedProfile = flags.Profile ?? NonEmpty(_environment("AWS_PROFILE"));
        if (namedProfile is not null && !credentialsFile.HasProfile(namedProfile) && !configFile.HasProfile(namedProfile))
        {
            throw new UsageException($"Profile '{namedProfile}' not found in the AWS credentials or config file.");
        }

        string? FromProfile(string? profile, string key) =>
            profile is null ? null : credentialsFile.Get(profile, key) ?? configFile.Get(profile, key);

        string? Pick(string? flag, string key, params string[] variables)
        {
            if (NonEmpty(flag) is { } fromFlag)
            {
                return fromFlag;
            }

            if (FromProfile(namedProfile, key) is { } fromNamed)
            {
                return fromNamed;
            }

            foreach (var variable in variables)
            {
                if (NonEmpty(_environment(variable)) is { } fromEnvironment)
                {
                    return fromEnvironment;
                }
            }

            return namedProfile is null ? FromProfile("default", key) : null;
        }

        var endpoint = Pick(flags.Endpoint, "endpoint_url", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL") ?? DefaultEndpoint;
        var accessKey = Pick(flags.AccessKey, "aws_access_key_id", "AWS_ACCESS_KEY_ID");
        var secretKey = Pick(flags.SecretKey, "aws_secret_access_key", "AWS_SECRET_ACCESS_KEY");
        var region = Pick(flags.Region, "region", "AWS_REGION", "AWS_DEFAULT_REGION") ?? "us-east-1";
        var sessionToken = flags.AccessKey is null ? Pick(null, "aws_session_token", "AWS_SESSION_TOKEN") : null;
        if (accessKey is null || secretKey is null)
        {
            throw new UsageException(
                "No credentials: pass --access-key and --secret-key, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use a profile (--profile, ~/.aws/credentials).");
        }

        if (!Uri.TryCreate(endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "http://" + endpoint, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"'{endpoint}' is not an http(s) endpoint URL.");
        }

        return new CairnConnection { Endpoint = uri, AccessKey = accessKey, SecretKey = secretKey, SessionToken = sessionToken, Region = region };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
