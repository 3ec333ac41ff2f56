using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Booking.ProductionShape.Tests;

/// <summary>Keeps every log line the app writes (category, event name, message), for tests and for failure reports.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string? EventName, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    /// <summary>The last lines at Warning or above, for an assertion message.</summary>
    public string Problems(int count = 30) =>
        string.Join(Environment.NewLine, Lines.Where(l => l.Level >= LogLevel.Warning).TakeLast(count).Select(l => $"{l.Level} {l.Category}: {l.Message}"));

    private sealed class Logger(string category, ConcurrentQueue<(string, string?, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue((category, eventId.Name, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message)));
            }
        }
    }
}
