namespace Cairn.Bench.Metadata;

/// <summary>
/// The floor of one listing page, read by the bench straight from the metadata database with the queries a page needs
/// (no HTTP, no XML, no auth): without a delimiter one range scan of 1,001 object rows, with a delimiter one index seek
/// per common prefix.
/// </summary>
internal interface IListingFloor : IDisposable
{
    /// <summary>Median milliseconds of <paramref name="repetitions"/> runs (after one warm-up) of the page after <paramref name="after"/>.</summary>
    Task<double> MedianMsAsync(string? delimiter, string after, int pageSize, int repetitions, CancellationToken cancellationToken);

    /// <summary>A further measurement of the same page that tells what bounds it, for the row's notes; null when there is none.</summary>
    Task<string?> NoteAsync(string? delimiter, string after, int pageSize, int repetitions, CancellationToken cancellationToken);
}
