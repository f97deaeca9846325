using System.Runtime.InteropServices;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// Reading a file with plain open(2)/read(2). .NET's FileStream takes an advisory flock on every open, so it
/// cannot read a file another process holds an exclusive lock on; this can.
/// </summary>
internal static partial class PosixFile
{
    /// <summary>Up to <paramref name="maxBytes"/> from the start of the file; null when it cannot be read.</summary>
    public static byte[]? ReadPrefix(string path, int maxBytes)
    {
        var fd = PosixDirectory.Open(path, PosixDirectory.ReadOnly);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            var buffer = new byte[maxBytes];
            var length = 0;
            while (length < maxBytes)
            {
                var read = Read(fd, buffer.AsSpan(length));
                if (read <= 0)
                {
                    break;
                }

                length += (int)read;
            }

            return buffer[..length];
        }
        finally
        {
            _ = PosixDirectory.Close(fd);
        }
    }

    private static unsafe nint Read(int fd, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            return Read(fd, start, (nuint)buffer.Length);
        }
    }

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);
}
