using System.Collections.Concurrent;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace Cairn.BrowserTests.Infrastructure;

/// <summary>
/// Watches the page's presigned requests to Cairn: part PUTs (by part number) and ListParts GETs. Only sees what the
/// browser sends; it changes nothing (<see cref="PartGate"/> does).
/// </summary>
public sealed class PartRequests
{
    private readonly ConcurrentQueue<int> _puts = new();
    private int _listParts;

    /// <summary>Part numbers of the PUTs sent, in order, retries included.</summary>
    public IReadOnlyList<int> Puts => [.. _puts];

    public int ListParts => Volatile.Read(ref _listParts);

    /// <summary>The part number a URL uploads, or null for any other request.</summary>
    public static int? PartNumber(string url) =>
        QueryHelpers.ParseQuery(new Uri(url).Query).TryGetValue("partNumber", out var number) ? int.Parse(number!, System.Globalization.CultureInfo.InvariantCulture) : null;

    public void Watch(IPage page) => page.Request += (_, request) => Observe(request);

    private void Observe(IRequest request)
    {
        var query = QueryHelpers.ParseQuery(new Uri(request.Url).Query);
        if (request.Method == "PUT" && PartNumber(request.Url) is { } number)
        {
            _puts.Enqueue(number);
        }
        else if (request.Method == "GET" && query.ContainsKey("uploadId"))
        {
            Interlocked.Increment(ref _listParts);
        }
    }
}
