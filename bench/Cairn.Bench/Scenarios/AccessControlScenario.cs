using System.Globalization;
using System.Text;
using Cairn.Bench.Http;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 7. What access control costs: 4 KiB PUT and GET ops/s at 64 in flight by a user that is not root (so every
/// request is decided by the authorizer), in a bucket with no policy and default ACLs, and in one with a 20-statement
/// bucket policy and ACL grants in place. The first bucket's figure is the second's limit; the target is within 10 %.
/// The two buckets are measured twice in turn and the best of each is kept, so a slow moment of the machine does not
/// land on one side only.
/// </summary>
internal sealed class AccessControlScenario : IScenario
{
    private const int Concurrency = 64;
    private const string Plain = "bench-acl-none";
    private const string Governed = "bench-acl-policy";

    public int Number => 7;

    public string Title => "access control";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var iam = new IamClient(context.Http, context.Main.Endpoint, context.Options.AccessKey, context.Options.SecretKey);
        var name = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await iam.CreateUserAsync(name, cancellationToken);
        var (accessKey, secret) = await iam.CreateAccessKeyAsync(name, cancellationToken);
        var user = new RawS3Client(context.Http, context.Main.Endpoint, new SigV4Signer(accessKey, secret, "us-east-1"));

        await user.CreateBucketAsync(Plain, cancellationToken);
        await user.CreateBucketAsync(Governed, cancellationToken);
        await user.PutBucketSubresourceAsync(Governed, "acl", null,
        [
            ("x-amz-grant-full-control", $"id=\"{userId}\""),
            ("x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\", id=\"root\""),
            ("x-amz-grant-write", "id=\"root\""),
        ], cancellationToken);
        await user.PutBucketSubresourceAsync(Governed, "policy", Policy(Governed, name), [], cancellationToken);

        context.Progress($"7. {BenchProfile.Describe(profile.SmallSize)} PUT/GET by a user, {Concurrency} in flight: no policy, then 20 statements + grants");
        var best = new Dictionary<(string Bucket, string Operation), Measure.LoadResult>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var bucket in new[] { Plain, Governed })
            {
                var results = await SmallOpsWorkload.RunAsync([user], bucket, $"r{round}", Concurrency, profile.SmallSize,
                    profile.SmallPhaseTime, context.MainMeter, cancellationToken);
                foreach (var operation in new[] { "PUT", "GET" })
                {
                    var result = results[operation];
                    if (!best.TryGetValue((bucket, operation), out var kept) || result.OpsPerSecond > kept.OpsPerSecond)
                    {
                        best[(bucket, operation)] = result;
                    }
                }
            }
        }

        foreach (var operation in new[] { "PUT", "GET" })
        {
            var plain = best[(Plain, operation)];
            var governed = best[(Governed, operation)];
            foreach (var (label, result, limit) in new[] { ("no policy", plain, (double?)null), ("20-statement policy + grants", governed, plain.OpsPerSecond) })
            {
                var notes = $"{result.Operations:N0} ops; {result.Cpu.PerOperation(result.Operations)}";
                if (result.Errors > 0)
                {
                    notes += $", {result.Errors} FAILED: {result.FirstError}";
                }

                context.Report.Add(new ResultRow
                {
                    Scenario = "7 access control",
                    Measurement = $"{operation} {BenchProfile.Describe(profile.SmallSize)} by a user, {Concurrency} in flight, {label}",
                    Value = result.OpsPerSecond,
                    Unit = "ops/s",
                    Limit = limit,
                    LimitName = limit is null ? null : "same without policy",
                    Target = limit is null ? null : "≥ 90 % of no policy",
                    Met = limit is { } l ? result.OpsPerSecond >= 0.9 * l : null,
                    P50Ms = result.Percentile(50),
                    P99Ms = result.Percentile(99),
                    Operations = result.Operations,
                    Notes = notes,
                }.WithCpu(result.Cpu));
            }
        }
    }

    /// <summary>
    /// Twenty statements the user's requests are checked against: eighteen that never match (other prefixes, other
    /// networks), one Deny that never matches, and last the Allow that does.
    /// </summary>
    private static string Policy(string bucket, string userName)
    {
        var statements = new List<string>();
        for (var i = 0; i < 18; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            statements.Add(
                "{\"Sid\":\"Partner" + n + "\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/partners/" + n + "/*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10." + n + ".0.0/16\"}}}");
        }

        statements.Add($$"""
            {"Sid":"KeepArchive","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::{{bucket}}/archive/*"}
            """);
        statements.Add($$"""
            {"Sid":"Owner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/{{userName}}"},"Action":"s3:*",
             "Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}
            """);
        var policy = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        policy.Append(string.Join(',', statements));
        return policy.Append("]}").ToString();
    }
}
