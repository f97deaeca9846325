namespace Cairn.ArchitectureTests.Support;

/// <summary>The repository these tests were built from, found by walking up from the test binaries to Cairn.slnx.</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>
    /// Source files (by extension) under a directory of the repository, without build output; paths relative to
    /// the root with '/' separators, for messages that read the same on every machine.
    /// </summary>
    public static IReadOnlyList<string> Files(string directory, params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(Root, directory), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(segment => segment is "bin" or "obj"))
            .Where(path => extensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cairn.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Cairn.slnx above {AppContext.BaseDirectory}: these tests read the repository's sources.");
    }
}
