using Cairn.Server.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>A server that also answers virtual-hosted-style requests for <c>bucket.s3.cairn.test</c>.</summary>
public sealed class VirtualHostServerFixture : CairnServerFixture
{
    public const string Domain = "s3.cairn.test";

    protected override void Configure(CairnOptions options) => options.Domain = Domain;
}

/// <summary>A server whose clock the test moves (presign expiry), starting at the real current time.</summary>
public sealed class FakeClockServerFixture : CairnServerFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(CairnOptions options) => options.Time = Clock;
}

/// <summary>
/// A server that keeps every object in a blob file (no inline small objects), for tests of the blob
/// lifecycle: one file per live object, garbage after overwrite and delete.
/// </summary>
public sealed class BlobOnlyServerFixture : CairnServerFixture
{
    protected override void Configure(CairnOptions options) => options.Limits.InlineObjectMaxSize = 0;
}

/// <summary>A server configured for a region other than us-east-1.</summary>
public sealed class EuCentralServerFixture : CairnServerFixture
{
    public const string Region = "eu-central-1";

    protected override void Configure(CairnOptions options) => options.Region = Region;
}

/// <summary>A server that fails a request body after one second without data (the default is 30 s).</summary>
public sealed class ShortBodyIdleTimeoutServerFixture : CairnServerFixture
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    protected override void Configure(CairnOptions options) => options.RequestBodyIdleTimeout = IdleTimeout;
}

/// <summary>A server whose default public access block (<c>Cairn:Security:BlockPublicAccess</c>) is on.</summary>
public sealed class BlockPublicAccessServerFixture : CairnServerFixture
{
    protected override void Configure(CairnOptions options) => options.Security.BlockPublicAccess = true;
}
