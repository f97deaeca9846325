using System.Security.Cryptography;

namespace Cairn.BrowserTests.Infrastructure;

/// <summary>A temp file of random bytes for the browser to upload, with its MD5; deleted on dispose.</summary>
public sealed class RandomFile : IDisposable
{
    private RandomFile(string path, string md5)
    {
        Path = path;
        Md5 = md5;
    }

    public string Path { get; }

    /// <summary>Lowercase hex.</summary>
    public string Md5 { get; }

    public static RandomFile Create(long size)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cairn-browser-{Guid.NewGuid():N}.bin");
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using (var file = File.Create(path))
        {
            var buffer = new byte[1024 * 1024];
            for (var left = size; left > 0; left -= buffer.Length)
            {
                var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, left));
                Random.Shared.NextBytes(chunk);
                md5.AppendData(chunk);
                file.Write(chunk);
            }
        }

        return new RandomFile(path, Convert.ToHexStringLower(md5.GetHashAndReset()));
    }

    public void Dispose() => File.Delete(Path);
}
