using System.Net;
using System.Text.RegularExpressions;

namespace Cairn.IntegrationTests.Management;

/// <summary>Plain HTTP requests to a server's management listener (or, to prove it does not answer them, its S3 port).</summary>
public static partial class ManagementClient
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(Uri address, string path)
    {
        using var response = await Http.GetAsync(new Uri(address, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The /metrics text; fails the test unless it answers 200.</summary>
    public static async Task<string> MetricsAsync(Uri address)
    {
        var (status, body) = await GetAsync(address, "/metrics");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>The value of the sample <paramref name="series"/> (name and labels exactly as exported), or null when absent.</summary>
    public static double? Sample(string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds (the store gauges are cached for a moment); returns that text.</summary>
    public static async Task<string> MetricsWhenAsync(Uri address, Func<string, bool> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var metrics = await MetricsAsync(address);
            if (condition(metrics))
            {
                return metrics;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/metrics never met the condition within {patience.TotalSeconds:0}s:\n{metrics}");
            await Task.Delay(100);
        }
    }

    /// <summary>The label sets of the samples of <paramref name="name"/>, e.g. <c>operation="PutObject",status="200"</c>.</summary>
    public static IReadOnlyList<string> LabelSets(string metrics, string name) =>
        metrics.Split('\n').Select(line => SampleLine().Match(line)).Where(m => m.Success && m.Groups["name"].Value == name)
            .Select(m => m.Groups["labels"].Value).ToList();

    [GeneratedRegex("^(?<name>[a-z_:]+)\\{(?<labels>[^}]*)\\} ")]
    private static partial Regex SampleLine();
}
