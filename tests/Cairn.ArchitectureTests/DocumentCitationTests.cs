using System.Text.RegularExpressions;
using Cairn.ArchitectureTests.Support;

namespace Cairn.ArchitectureTests;

/// <summary>
/// Comments and strings cite the design documents kept in the repository (docs/), never the specification or
/// design notes that live outside it: a reader of a clone must be able to follow every citation.
/// </summary>
public sealed partial class DocumentCitationTests
{
    private static readonly string[] CheckedFolders = ["src", "tests"];

    [Fact]
    public void No_source_cites_a_document_that_lives_outside_the_repository()
    {
        var offending = (
            from folder in CheckedFolders
            from file in Repository.Files(folder, ".cs", ".csproj", ".props", ".targets", ".json")
            let lines = Repository.Read(file).Split('\n')
            from number in Enumerable.Range(1, lines.Length)
            where OutsideDocument().IsMatch(lines[number - 1])
            select $"{file}:{number}: {lines[number - 1].Trim()}").ToList();

        Assert.True(
            offending.Count == 0,
            $"{offending.Count} line(s) cite a document outside the repository; cite docs/ instead:\n" + string.Join("\n", offending));
    }

    /// <summary>The specification and design notes kept outside the repository, by file name.</summary>
    [GeneratedRegex(@"\b(?:SPEC|DESIGN)\.md\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutsideDocument();
}
