using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// What a refused request must leave as it was, cheap enough to read around every request: the size of every
/// store file under the data directory (the embedded store appends a journal line per write, so any write shows),
/// the number of messages on every bus entity and of notifications sent.
/// </summary>
public sealed record ObservableState(IReadOnlyDictionary<string, long> Files, int Messages, int Notifications)
{
    /// <summary>
    /// Bookkeeping that a refused request writes on purpose: an Idempotency-Key remembers a refused booking's outcome
    /// (so a retry gets the same answer), and partner rate windows count refused calls too.
    /// </summary>
    private static readonly string[] WrittenOnPurpose = ["idempotency", "rate-window"];

    public static ObservableState Read(DevHostFixture host)
    {
        var files = Directory.EnumerateFiles(host.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .Where(f => !WrittenOnPurpose.Any(w => f.Name.Contains(w, StringComparison.Ordinal)) && f.Name != ".lock")
            .ToDictionary(f => Path.GetRelativePath(host.DataDirectory, f.FullName), f => f.Length);
        var bus = host.Services.GetRequiredService<EmbeddedMessageBus>();
        var entities = host.Services.GetRequiredService<IConfiguration>().GetSection("ServiceBus").GetChildren()
            .Select(c => c.Value).OfType<string>().Distinct().ToList();
        var messages = entities.Sum(e => bus.SentTo(e).Count + bus.DeadLettered(e).Count);
        return new ObservableState(files, messages, host.Services.GetRequiredService<InMemoryNotificationSink>().Sent.Count);
    }

    /// <summary>What changed between two readings, in words; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangesSince(ObservableState before)
    {
        var changes = Files.Where(f => before.Files.GetValueOrDefault(f.Key, -1) != f.Value)
            .Select(f => $"{f.Key}: {before.Files.GetValueOrDefault(f.Key, -1)} -> {f.Value} bytes")
            .Concat(before.Files.Keys.Except(Files.Keys).Select(f => $"{f}: deleted"))
            .ToList();
        if (Messages != before.Messages)
        {
            changes.Add($"bus messages: {before.Messages} -> {Messages}");
        }

        if (Notifications != before.Notifications)
        {
            changes.Add($"notifications: {before.Notifications} -> {Notifications}");
        }

        return changes;
    }
}
