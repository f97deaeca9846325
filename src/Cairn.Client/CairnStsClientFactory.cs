using Amazon.SecurityToken;

namespace Cairn.Client;

/// <summary>
/// Creates AWSSDK's STS client for a Cairn endpoint: STS is served on the same URL as S3 (the SigV4 scope's
/// service, "sts", tells them apart), signed for the connection's region.
/// </summary>
public static class CairnStsClientFactory
{
    public static AmazonSecurityTokenServiceClient Create(CairnConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = connection.Endpoint.ToString(),
            AuthenticationRegion = connection.Region,
        };
        return new AmazonSecurityTokenServiceClient(connection.Credentials(), config);
    }
}
