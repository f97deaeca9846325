namespace Cairn.Storage.Tests.Support;

/// <summary>Unix permission bits of files the tests look at, as octal text (e.g. "0600").</summary>
internal static class UnixModes
{
    public static string Of(string path) =>
        OperatingSystem.IsWindows()
            ? throw new PlatformNotSupportedException("Unix modes")
            : "0" + Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8).PadLeft(3, '0');
}
