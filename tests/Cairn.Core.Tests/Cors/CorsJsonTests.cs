using Cairn.Core.Cors;
using static Cairn.Core.Tests.Cors.CorsConfigurationTests;

namespace Cairn.Core.Tests.Cors;

/// <summary>The stored form keeps every value, its order and its case; unset members stay unset.</summary>
public sealed class CorsJsonTests
{
    [Fact]
    public void A_configuration_reads_back_as_written()
    {
        var written = new CorsConfiguration(
        [
            Rule(["https://App.example.com", "http://*.example.com"], ["PUT", "GET"], headers: ["Content-Type", "x-amz-*"], expose: ["ETag", "x-amz-request-id"], id: "uploads", maxAge: 3000),
            Rule(["*"], ["HEAD"]),
        ]);

        var read = CorsJson.Read(CorsJson.Write(written));

        Assert.Equal(written.Rules, read.Rules, RuleComparer.Instance);
    }

    [Fact]
    public void The_stored_spelling_is_fixed()
    {
        var stored = CorsJson.Write(new CorsConfiguration([Rule(["*"], ["GET"], expose: ["ETag"], id: "r", maxAge: 5)]));

        Assert.Equal("""[{"id":"r","origins":["*"],"methods":["GET"],"expose":["ETag"],"maxAge":5}]""", stored);
    }

    /// <summary>Records compare their lists by reference; rules are equal when every value is.</summary>
    private sealed class RuleComparer : IEqualityComparer<CorsRule>
    {
        public static readonly RuleComparer Instance = new();

        public bool Equals(CorsRule? x, CorsRule? y) =>
            x is not null && y is not null && x.Id == y.Id && x.MaxAgeSeconds == y.MaxAgeSeconds
            && x.AllowedOrigins.SequenceEqual(y.AllowedOrigins) && x.AllowedMethods.SequenceEqual(y.AllowedMethods)
            && x.AllowedHeaders.SequenceEqual(y.AllowedHeaders) && x.ExposeHeaders.SequenceEqual(y.ExposeHeaders);

        public int GetHashCode(CorsRule obj) => obj.Id?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
