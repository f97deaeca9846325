using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>Looks at a server's data directory: blob files under <c>blobs/</c>, temp files under <c>tmp/</c>.</summary>
public static class DataDirectoryInspector
{
    public static IReadOnlyList<string> BlobFiles(string dataDirectory) => Files(Path.Combine(dataDirectory, "blobs"));

    public static IReadOnlyList<string> TempFiles(string dataDirectory) => Files(Path.Combine(dataDirectory, "tmp"));

    /// <summary>Waits up to <paramref name="timeout"/> for <c>tmp/</c> to become empty; returns what is left.</summary>
    public static async Task<IReadOnlyList<string>> WaitForEmptyTempAsync(string dataDirectory, TimeSpan timeout)
    {
        await Eventually.WaitAsync(() => TempFiles(dataDirectory).Count == 0, timeout);
        return TempFiles(dataDirectory);
    }

    /// <summary>Fails the calling test when temp files are still there after a short grace period.</summary>
    public static async Task AssertTempEmptyAsync(string dataDirectory)
    {
        var left = await WaitForEmptyTempAsync(dataDirectory, TimeSpan.FromSeconds(5));
        Assert.True(left.Count == 0, $"temp files left in {dataDirectory}/tmp: {string.Join(", ", left.Select(Path.GetFileName))}");
    }

    private static IReadOnlyList<string> Files(string directory)
    {
        try
        {
            return Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
                : [];
        }
        catch (DirectoryNotFoundException)
        {
            // A directory removed while enumerating: whatever was in it is gone.
            return [];
        }
    }
}
