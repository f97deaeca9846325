using Cairn.Server.Dialects.Oss;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>Alibaba-shaped virtual hosts name their bucket even when the bucket's own name starts with "oss-".</summary>
public sealed class OssHostsTests
{
    [Theory]
    [InlineData("bkt.oss-cn-hangzhou.aliyuncs.com", "oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("oss-bkt.oss-cn-hangzhou.aliyuncs.com", "oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("oss-bkt.oss-cn-hangzhou-internal.aliyuncs.com:8080", "oss-cn-hangzhou-internal.aliyuncs.com")]
    [InlineData("oss-cn-hangzhou.aliyuncs.com", "oss-cn-hangzhou.aliyuncs.com")]
    public void BaseDomainIsTheRightmostEndpointLabel(string host, string expected) =>
        Assert.Equal(expected, new OssHosts(null).BaseDomainOf(host));
}
