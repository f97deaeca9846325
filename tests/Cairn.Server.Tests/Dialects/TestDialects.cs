using Cairn.Core.Limits;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Tests.Auth;

namespace Cairn.Server.Tests.Dialects;

/// <summary>Dialects built as the server builds them, for tests that call one directly.</summary>
internal static class TestDialects
{
    public static S3Dialect S3() =>
        new(AuthTestKit.Authenticator(new TestIdentityStore(Array.Empty<(string, string)>()), TimeProvider.System), new StorageLimits(),
            Microsoft.Extensions.Options.Options.Create(new Cairn.Server.Hosting.CairnOptions()));
}
