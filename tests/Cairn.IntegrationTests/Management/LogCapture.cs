using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cairn.IntegrationTests.Management;

/// <summary>A logger provider that keeps every line written through it, with its category, for assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines => [.. _lines];

    public IEnumerable<string> MessagesOf(string category) =>
        Lines.Where(line => line.Category == category).Select(line => line.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
