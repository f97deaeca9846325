namespace Cairn.Cli.Commands;

/// <summary>Reads a document argument (a policy, an ACL): a file path, or '-' for stdin.</summary>
internal static class DocumentFiles
{
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"'{path}' does not exist.");
        }

        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
