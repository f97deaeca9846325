using System.Buffers;
using Cairn.Bench.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cairn.Bench.Processes;

/// <summary>
/// The HTTP limit for small-object operations: a bare Kestrel app, run as its own process (`Cairn.Bench
/// baseline-server`) with server GC like Cairn, that answers GET with 4 KiB, HEAD with headers, PUT by draining the
/// body, DELETE with 204 — no auth, no metadata, no disk. Cairn's small-object figures divided by its figures show
/// what Cairn's pipeline costs on top of the HTTP stack on this machine.
/// </summary>
internal static class BaselineServer
{
    public const string ReadyPrefix = "Baseline listening on ";
    public const int BodySize = 4096;

    public static async Task<int> RunAsync(string[] args)
    {
        var urls = args.SkipWhile(a => a != "--urls").Skip(1).FirstOrDefault() ?? "http://127.0.0.1:0";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var app = builder.Build();
        var body = PatternBytes.Slice(0, BodySize).ToArray();
        app.Run(context => HandleAsync(context, body));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ReadyPrefix + address);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task HandleAsync(HttpContext context, byte[] body)
    {
        var response = context.Response;
        response.Headers.ETag = "\"0123456789abcdef0123456789abcdef\"";
        switch (context.Request.Method)
        {
            case "GET":
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, context.RequestAborted);
                break;
            case "HEAD":
                response.ContentLength = body.Length;
                break;
            case "PUT":
                var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
                try
                {
                    while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
                    {
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                break;
            case "DELETE":
                response.StatusCode = StatusCodes.Status204NoContent;
                break;
        }
    }
}
