namespace Cairn.BrowserTests.Infrastructure;

/// <summary>
/// Where the browser tests keep what a person may want to look at after a run (screenshots): TestResults/browser/ at
/// the repository's root (ignored by git), or next to the test binaries when they run outside the repository.
/// </summary>
public static class Artifacts
{
    public static string PathFor(string fileName)
    {
        var directory = Path.Combine(RootDirectory(), "TestResults", "browser");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }

    private static string RootDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cairn.slnx")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
