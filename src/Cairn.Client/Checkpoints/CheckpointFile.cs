using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Client.Checkpoints;

/// <summary>
/// Reads and writes checkpoint JSON. A write goes to a temp file in the same folder, is flushed, and then renamed
/// over the old one, so a crash or SIGKILL at any moment leaves either the previous checkpoint or the new one,
/// never a torn file. A checkpoint that cannot be parsed is treated as absent: the transfer starts over.
/// </summary>
public static class CheckpointFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The checkpoint file for one (source, destination) pair inside <paramref name="directory"/>, named by a
    /// hash of both so the same command finds it again and different transfers never share one.
    /// </summary>
    public static string PathFor(string directory, string source, string destination)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + destination));
        return Path.Combine(directory, Convert.ToHexStringLower(digest)[..32] + ".json");
    }

    public static T? Load<T>(string? path)
        where T : class
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static async Task SaveAsync<T>(string path, T checkpoint, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, checkpoint, Json, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void Delete(string? path)
    {
        if (path is not null)
        {
            TryDelete(path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
