using System.Net.Mime;
using Prometheus;

namespace Cairn.Server.Management;

/// <summary>
/// What the management listener serves: <c>/health/live</c> (the process answers), <c>/health/ready</c>
/// (<see cref="ReadinessCheck"/>: 200, or 503 with the reason) and <c>/metrics</c> (Prometheus text format from
/// <see cref="ServerMetrics"/>). Anything else is 404. Mounted only for connections on that listener.
/// </summary>
internal static class ManagementEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    public static void Map(IApplicationBuilder branch)
    {
        var services = branch.ApplicationServices;
        // The gauges exist (and refresh at each scrape) once something can scrape them.
        services.GetRequiredService<StoreGauges>();
        branch.UseMetricServer(MetricsPath, services.GetRequiredService<ServerMetrics>().Registry);
        var readiness = services.GetRequiredService<ReadinessCheck>();
        branch.Run(context => context.Request.Path.Value switch
        {
            LivePath => AnswerAsync(context, StatusCodes.Status200OK, "live"),
            ReadyPath => ReadyAsync(context, readiness),
            _ => AnswerAsync(context, StatusCodes.Status404NotFound, "not found"),
        });
    }

    private static async Task ReadyAsync(HttpContext context, ReadinessCheck readiness)
    {
        var problem = await readiness.FindProblemAsync(context.RequestAborted);
        await (problem is null
            ? AnswerAsync(context, StatusCodes.Status200OK, "ready")
            : AnswerAsync(context, StatusCodes.Status503ServiceUnavailable, "not ready: " + problem));
    }

    private static Task AnswerAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaTypeNames.Text.Plain + "; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }
}
