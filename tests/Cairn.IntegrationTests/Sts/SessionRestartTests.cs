using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using static Cairn.IntegrationTests.Sts.StsTestSupport;

namespace Cairn.IntegrationTests.Sts;

/// <summary>
/// Temporary credentials keep no state in the server: a session token issued before a restart works after it (the
/// master key kept in the data directory opens it).
/// </summary>
public sealed class SessionRestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-sts-restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_session_token_issued_before_a_restart_works_after_it()
    {
        Credentials session;
        const string bucket = "restart-sessions";
        await using (var first = await CairnHost.StartAsync(CairnServerFixture.TestOptions(_dataDirectory)))
        {
            using var admin = CairnServerFixture.CreateClient(first);
            await admin.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
            session = (await Root(first).GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 })).Credentials;
        }

        await using (var second = await CairnHost.StartAsync(CairnServerFixture.TestOptions(_dataDirectory)))
        {
            using var s3 = S3(second, session);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "after-restart.txt", ContentBody = "still valid" });
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
