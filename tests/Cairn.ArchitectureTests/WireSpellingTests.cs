using System.Text.RegularExpressions;
using Cairn.ArchitectureTests.Support;

namespace Cairn.ArchitectureTests;

/// <summary>
/// A dialect owns its wire spelling: only code under a <c>Dialects/</c> folder names the dialect's headers, so that
/// adding a dialect means adding files there rather than editing handlers, services or stores.
/// </summary>
public sealed partial class WireSpellingTests
{
    private static readonly string[] CheckedProjects = ["src/Cairn.Core", "src/Cairn.Storage", "src/Cairn.Storage.Postgres", "src/Cairn.Server"];

    [Fact]
    public void Only_code_under_a_Dialects_folder_names_an_x_amz_or_x_oss_header()
    {
        var offending = (
            from project in CheckedProjects
            from file in Repository.Files(project, ".cs")
            where !file.Split('/').Contains("Dialects")
            from literal in StringLiterals.In(Repository.Read(file))
            where DialectHeader().IsMatch(literal.Text)
            select $"{file}:{literal.Line}: \"{literal.Text}\"").ToList();

        Assert.True(
            offending.Count == 0,
            $"{offending.Count} string literal(s) outside a Dialects/ folder name an x-amz-/x-oss- header:\n" + string.Join("\n", offending));
    }

    [GeneratedRegex("x-(?:amz|oss)-", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DialectHeader();
}
