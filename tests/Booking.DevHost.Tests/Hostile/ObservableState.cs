using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// What a refused request must leave as it was, cheap enough to read around every request: every document of the
/// embedded database by collection, partition, id and ETag (any write gives a document a new ETag), the size of every
/// other file under the data directory (access log, key ring), the number of messages on every bus entity and of
/// notifications sent.
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
        var store = Path.Combine(host.DataDirectory, "store");
        var files = Directory.EnumerateFiles(host.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(store, StringComparison.Ordinal))
            .Select(f => new FileInfo(f))
            .Where(f => !f.Name.EndsWith(".lock", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(host.DataDirectory, f.FullName), f => f.Length);
        foreach (var (collection, digest) in Documents(host.Services.GetRequiredService<EmbeddedDatabase>().FilePath!))
        {
            files[$"documents of {collection} (digest of their keys and ETags)"] = digest;
        }

        var bus = host.Services.GetRequiredService<EmbeddedMessageBus>();
        var entities = host.Services.GetRequiredService<IConfiguration>().GetSection("ServiceBus").GetChildren()
            .Select(c => c.Value).OfType<string>().Distinct().ToList();
        var messages = entities.Sum(e => bus.SentTo(e).Count + bus.DeadLettered(e).Count);
        return new ObservableState(files, messages, host.Services.GetRequiredService<InMemoryNotificationSink>().Sent.Count);
    }

    /// <summary>Each collection but those <see cref="WrittenOnPurpose"/>, with a digest of its documents' keys and ETags.</summary>
    private static Dictionary<string, long> Documents(string databaseFile)
    {
        var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT collection, partition, id, etag FROM documents ORDER BY collection, partition, id";
        using var reader = command.ExecuteReader();
        var digests = new Dictionary<string, HashCode>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var collection = reader.GetString(0);
            if (WrittenOnPurpose.Any(w => collection.Contains(w, StringComparison.Ordinal)))
            {
                continue;
            }

            var digest = digests.GetValueOrDefault(collection);
            digest.Add(reader.GetString(1), StringComparer.Ordinal);
            digest.Add(reader.GetString(2), StringComparer.Ordinal);
            digest.Add(reader.GetString(3), StringComparer.Ordinal);
            digests[collection] = digest;
        }

        return digests.ToDictionary(d => d.Key, d => (long)d.Value.ToHashCode());
    }

    /// <summary>What changed between two readings, in words; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangesSince(ObservableState before)
    {
        var changes = Files.Where(f => before.Files.GetValueOrDefault(f.Key, -1) != f.Value)
            .Select(f => $"{f.Key}: {before.Files.GetValueOrDefault(f.Key, -1)} -> {f.Value}")
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
