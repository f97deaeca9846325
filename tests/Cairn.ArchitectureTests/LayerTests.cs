using Cairn.ArchitectureTests.Support;

namespace Cairn.ArchitectureTests;

/// <summary>
/// The layers only point inwards: Core (the use cases and their ports) knows no web framework and no adapter;
/// the stores (SQLite, PostgreSQL) implement Core's ports without knowing the server, and the embedded one needs
/// no PostgreSQL driver; the client library stands alone, so that it can talk to any S3-compatible store.
/// </summary>
public sealed class LayerTests
{
    [Theory]
    [InlineData("Cairn.Core", "Microsoft.AspNetCore")]
    [InlineData("Cairn.Core", "Cairn.Storage")]
    [InlineData("Cairn.Core", "Cairn.Server")]
    [InlineData("Cairn.Storage", "Microsoft.AspNetCore")]
    [InlineData("Cairn.Storage", "Cairn.Server")]
    [InlineData("Cairn.Storage", "Npgsql")]
    [InlineData("Cairn.Storage.Postgres", "Microsoft.AspNetCore")]
    [InlineData("Cairn.Storage.Postgres", "Cairn.Server")]
    [InlineData("Cairn.Client", "Cairn.Server")]
    [InlineData("Cairn.Client", "Cairn.Storage")]
    public void A_layer_does_not_depend_on_what_must_stay_outside_it(string layer, string forbidden)
    {
        var compiled = LayerDependencies.CompiledReferences(layer)
            .Where(edge => LayerDependencies.IsIn(edge.To, forbidden))
            .Select(edge => $"{edge.From} references {edge.To}");
        var declared = LayerDependencies.DeclaredReferences(layer)
            .Where(reference => LayerDependencies.IsIn(reference, forbidden))
            .Select(reference => $"src/{layer}/{layer}.csproj brings in {reference}");

        var offending = compiled.Concat(declared).ToList();

        Assert.True(offending.Count == 0, $"{layer} must not depend on {forbidden}:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void The_dependencies_that_are_allowed_are_seen()
    {
        // Guards the rule above against passing because nothing was found at all.
        Assert.Contains(("Cairn.Storage", "Cairn.Core"), LayerDependencies.CompiledReferences("Cairn.Storage"));
        Assert.Contains("Cairn.Core", LayerDependencies.DeclaredReferences("Cairn.Storage"));
        Assert.Contains(("Cairn.Storage.Postgres", "Npgsql"), LayerDependencies.CompiledReferences("Cairn.Storage.Postgres"));
        Assert.Contains("Microsoft.AspNetCore", LayerDependencies.DeclaredReferences("Cairn.Server"));
    }
}
