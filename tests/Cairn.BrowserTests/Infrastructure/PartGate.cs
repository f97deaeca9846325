using Microsoft.Playwright;

namespace Cairn.BrowserTests.Infrastructure;

/// <summary>
/// Lets the first few part PUTs reach Cairn and holds every later one unanswered: a page interrupted mid-upload at
/// a known point, with exactly those parts on the server, without waiting on a clock.
/// </summary>
public sealed class PartGate(int passing)
{
    private readonly Lock _lock = new();
    private readonly List<int> _passed = [];

    /// <summary>The part numbers let through.</summary>
    public IReadOnlyList<int> Passed
    {
        get
        {
            lock (_lock)
            {
                return [.. _passed];
            }
        }
    }

    public Task InstallAsync(IPage page) => page.RouteAsync(url => PartRequests.PartNumber(url) is not null, HandleAsync);

    private async Task HandleAsync(IRoute route)
    {
        lock (_lock)
        {
            if (_passed.Count == passing)
            {
                return; // never answered: the request stays pending until the page goes away
            }

            _passed.Add(PartRequests.PartNumber(route.Request.Url)!.Value);
        }

        await route.ContinueAsync();
    }
}
