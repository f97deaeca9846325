using Cairn.Tests.Shared;
using Microsoft.Playwright;

namespace Cairn.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium per test class: Debian's <c>chromium</c> package driven by Playwright (no browser of
/// Playwright's own is downloaded). Without it a test is skipped on a developer machine and fails under CI.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser; skips (or, with CI=true, fails) the test when chromium is not installed.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is null)
            {
                Prerequisite.Missing("chromium", $"{ExecutablePath} not found (Debian: apt-get install chromium)");
            }

            return _browser;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Tests run as root in containers, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
