using System.Collections;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// A private AWS configuration for aws cli and boto3 children: credentials in the environment, a temp
/// config file with path-style addressing, an empty credentials file, region us-east-1. No inherited
/// AWS_* variable survives, so neither the developer's ~/.aws nor settings such as
/// AWS_REQUEST_CHECKSUM_CALCULATION change what the clients do by default. With a session token the credentials are
/// temporary ones (AWS_SESSION_TOKEN).
/// </summary>
public sealed class AwsClientEnvironment : IDisposable
{
    public AwsClientEnvironment(string accessKey, string secretKey, string? sessionToken = null)
    {
        Directory.CreateDirectory(Root);
        var configFile = Path.Combine(Root, "config");
        File.WriteAllText(configFile, "[default]\ns3 =\n    addressing_style = path\n");
        var credentialsFile = Path.Combine(Root, "credentials");
        File.WriteAllText(credentialsFile, string.Empty);

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase))
            {
                variables[name] = null;
            }
        }

        variables["AWS_ACCESS_KEY_ID"] = accessKey;
        variables["AWS_SECRET_ACCESS_KEY"] = secretKey;
        if (sessionToken is not null)
        {
            variables["AWS_SESSION_TOKEN"] = sessionToken;
        }

        variables["AWS_DEFAULT_REGION"] = "us-east-1";
        variables["AWS_CONFIG_FILE"] = configFile;
        variables["AWS_SHARED_CREDENTIALS_FILE"] = credentialsFile;
        variables["AWS_EC2_METADATA_DISABLED"] = "true";
        variables["AWS_PAGER"] = string.Empty;
        variables["PYTHONIOENCODING"] = "utf-8";
        Variables = variables;
    }

    /// <summary>A scratch directory the caller may use too; deleted on dispose.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cairn-clients-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Variables to set (non-null) or remove (null) in the child's environment.</summary>
    public IReadOnlyDictionary<string, string?> Variables { get; }

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
}
