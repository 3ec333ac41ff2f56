using System.Text;
using Booking.Application.Storage;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Booking.Infrastructure.Tests.Embedded;

public sealed class EmbeddedPersistenceTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TemporaryDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task KeepsDocumentsAndETagsGivenARestart()
    {
        string first;
        string second;
        using (var database = Open())
        {
            var store = Store(database);
            first = (await store.TryCreateAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct))!;
            second = await store.UpsertAsync(new DocumentKey("q", "2"), new Note("two"), null, Ct);
        }

        using (var reopened = Open())
        {
            var store = Store(reopened);
            Assert.Equal(new Versioned<Note>(new DocumentKey("p", "1"), new Note("one"), first), await store.ReadAsync(new DocumentKey("p", "1"), Ct));
            Assert.Equal(new Versioned<Note>(new DocumentKey("q", "2"), new Note("two"), second), await store.ReadAsync(new DocumentKey("q", "2"), Ct));
            Assert.NotNull(await store.TryReplaceAsync(new DocumentKey("p", "1"), new Note("one, edited"), first, null, Ct));
        }
    }

    [Fact]
    public async Task KeepsTheLastChangesGivenReplacesAndDeletesBeforeARestart()
    {
        using (var database = Open())
        {
            var store = Store(database);
            var etag = await store.TryCreateAsync(new DocumentKey("p", "kept"), new Note("v1"), null, Ct);
            await store.TryReplaceAsync(new DocumentKey("p", "kept"), new Note("v2"), etag!, null, Ct);
            await store.UpsertAsync(new DocumentKey("p", "deleted"), new Note("gone"), null, Ct);
            await store.DeleteAsync(new DocumentKey("p", "deleted"), Ct);
        }

        using var reopened = Open();
        var found = await Store(reopened).ReadPartitionAsync("p", Ct);

        Assert.Equal(["v2"], found.Select(v => v.Value.Text));
    }

    [Fact]
    public async Task RejectsTheOldETagAfterARestartGivenTheDocumentChangedAfterwards()
    {
        string stale;
        using (var database = Open())
        {
            var store = Store(database);
            stale = (await store.TryCreateAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct))!;
        }

        using (var database = Open())
        {
            Assert.NotNull(await Store(database).TryReplaceAsync(new DocumentKey("p", "1"), new Note("two"), stale, null, Ct));
        }

        using var reopened = Open();
        Assert.Null(await Store(reopened).TryReplaceAsync(new DocumentKey("p", "1"), new Note("three"), stale, null, Ct));
    }

    [Fact]
    public async Task KeepsTheExpiryGivenARestart()
    {
        using (var database = Open())
        {
            var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
            await Store(database).UpsertAsync(new DocumentKey("p", "1"), new Note("short-lived"), now + Duration.FromHours(1), Ct);
        }

        _time.Advance(TimeSpan.FromHours(2));
        using var reopened = Open();

        Assert.Null(await Store(reopened).ReadAsync(new DocumentKey("p", "1"), Ct));
    }

    [Fact]
    public async Task KeepsItGoneAfterARestartGivenAPurgedDocument()
    {
        using (var database = Open())
        {
            var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
            await Store(database).UpsertAsync(new DocumentKey("p", "1"), new Note("short-lived"), now + Duration.FromHours(1), Ct);
            _time.Advance(TimeSpan.FromHours(2));
            Assert.Equal(1, await new EmbeddedExpiredPurger(database, _time).PurgeAsync(Ct));
        }

        using var reopened = Open();

        Assert.Equal(0, await new EmbeddedExpiredPurger(reopened, _time).PurgeAsync(Ct));
    }

    [Fact]
    public async Task DropsOnlyTheTornLastLineGivenACrashMidWrite()
    {
        using (var database = Open())
        {
            var store = Store(database);
            await store.UpsertAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct);
            await store.UpsertAsync(new DocumentKey("p", "2"), new Note("two"), null, Ct);
        }

        await File.AppendAllTextAsync(_data.NoteJournal, """{"p":"p","i":"3","e":"torn","d":{"te""", Ct);

        using var reopened = Open();
        var found = await Store(reopened).ReadPartitionAsync("p", Ct);
        Assert.Equal(["one", "two"], found.Select(v => v.Value.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task KeepsLaterWritesGivenARestartAfterATornLine()
    {
        using (var database = Open())
        {
            await Store(database).UpsertAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct);
        }

        await File.AppendAllTextAsync(_data.NoteJournal, """{"p":"p","i":"torn""", Ct);
        using (var database = Open())
        {
            await Store(database).UpsertAsync(new DocumentKey("p", "2"), new Note("two"), null, Ct);
        }

        using var reopened = Open();
        var found = await Store(reopened).ReadPartitionAsync("p", Ct);
        Assert.Equal(["one", "two"], found.Select(v => v.Value.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RefusesToStartGivenACorruptLineInTheMiddle()
    {
        using (var database = Open())
        {
            var store = Store(database);
            await store.UpsertAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct);
            await store.UpsertAsync(new DocumentKey("p", "2"), new Note("two"), null, Ct);
            await store.UpsertAsync(new DocumentKey("p", "3"), new Note("three"), null, Ct);
        }

        var lines = await File.ReadAllLinesAsync(_data.NoteJournal, Encoding.UTF8, Ct);
        lines[1] = lines[1][..(lines[1].Length / 2)];
        await File.WriteAllLinesAsync(_data.NoteJournal, lines, Ct);

        Assert.Throws<InvalidDataException>(() => Open());
    }

    [Fact]
    public async Task KeepsEveryChangeGivenCompactionsRanWhileWritesWentOn()
    {
        var last = new Dictionary<string, string>();
        using (var database = Open(compactAfterLines: 10))
        {
            var store = Store(database);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < 150; i++)
                {
                    await store.UpsertAsync(new DocumentKey("p", $"{writer}-{i % 5}"), new Note($"{writer}-{i}"), null, Ct);
                }
            })));
            foreach (var found in await store.ReadPartitionAsync("p", Ct))
            {
                last[found.Key.Id] = found.ETag;
            }
        }

        Assert.True(File.Exists(Path.Combine(_data.Root, "store", "note.snapshot.jsonl")));
        Assert.False(File.Exists(Path.Combine(_data.Root, "store", "note.journal.retired.jsonl")));
        Assert.True(File.ReadAllLines(_data.NoteJournal).Length < 600, "the journal was never compacted");
        using var reopened = Open();
        var store2 = Store(reopened);
        var all = await store2.ReadPartitionAsync("p", Ct);
        Assert.Equal(20, all.Count);
        Assert.All(all, v => Assert.Equal($"{v.Key.Id[0]}-{145 + int.Parse(v.Key.Id[2..], System.Globalization.CultureInfo.InvariantCulture)}", v.Value.Text));
        Assert.All(all, v => Assert.Equal(last[v.Key.Id], v.ETag));
    }

    [Fact]
    public async Task KeepsBothJournalsGivenAStopBetweenRetiringOneAndWritingTheSnapshot()
    {
        var store = Path.Combine(_data.Root, "store");
        using (var database = Open())
        {
            await Store(database).UpsertAsync(new DocumentKey("p", "a"), new Note("a, first"), null, Ct);
            await Store(database).UpsertAsync(new DocumentKey("p", "b"), new Note("b"), null, Ct);
        }

        File.Move(_data.NoteJournal, Path.Combine(store, "older.jsonl"));
        using (var database = Open())
        {
            await Store(database).UpsertAsync(new DocumentKey("p", "a"), new Note("a, second"), null, Ct);
            await Store(database).UpsertAsync(new DocumentKey("p", "c"), new Note("c"), null, Ct);
        }

        File.Move(Path.Combine(store, "older.jsonl"), Path.Combine(store, "note.journal.retired.jsonl"));
        await File.WriteAllTextAsync(Path.Combine(store, "note.snapshot.jsonl.tmp"), """{"p":"p","i":"half-writ""", Ct);

        using (var reopened = Open())
        {
            var found = await Store(reopened).ReadPartitionAsync("p", Ct);
            Assert.Equal(["a, second", "b", "c"], found.Select(v => v.Value.Text).Order(StringComparer.Ordinal));
        }

        Assert.False(File.Exists(Path.Combine(store, "note.journal.retired.jsonl")));
        Assert.False(File.Exists(Path.Combine(store, "note.snapshot.jsonl.tmp")));
        using var again = Open();
        Assert.Equal(["a, second", "b", "c"], (await Store(again).ReadPartitionAsync("p", Ct)).Select(v => v.Value.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LeavesNoDeletedDocumentOrEarlierVersionInAnyFileGivenAHistoryPurge()
    {
        using (var database = Open())
        {
            var store = Store(database);
            var etag = await store.TryCreateAsync(new DocumentKey("p", "kept"), new Note("kept, first-version"), null, Ct);
            await store.TryReplaceAsync(new DocumentKey("p", "kept"), new Note("kept, second"), etag!, null, Ct);
            await store.UpsertAsync(new DocumentKey("p", "erased"), new Note("erased-secret"), null, Ct);
            await store.DeleteAsync(new DocumentKey("p", "erased"), Ct);

            await store.PurgeHistoryAsync(Ct);

            var files = Directory.EnumerateFiles(Path.Combine(_data.Root, "store"), "*.jsonl").Select(File.ReadAllText).ToList();
            Assert.All(files, text => Assert.DoesNotContain("erased-secret", text, StringComparison.Ordinal));
            Assert.All(files, text => Assert.DoesNotContain("first-version", text, StringComparison.Ordinal));
            await store.UpsertAsync(new DocumentKey("p", "after"), new Note("after"), null, Ct);
        }

        using var reopened = Open();
        Assert.Equal(["after", "kept, second"], (await Store(reopened).ReadPartitionAsync("p", Ct)).Select(v => v.Value.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GivesTheSameStateGivenAStopBetweenTheSnapshotSwapAndTheJournalTruncation()
    {
        var stalledJournal = Path.Combine(_data.Root, "stalled.jsonl");
        using (var database = Open())
        {
            var store = Store(database);
            await store.UpsertAsync(new DocumentKey("p", "a"), new Note("a"), null, Ct);
            await store.UpsertAsync(new DocumentKey("p", "b"), new Note("b"), null, Ct);
            await store.DeleteAsync(new DocumentKey("p", "b"), Ct);
            File.Copy(_data.NoteJournal, stalledJournal); // the journal as it was before the purge emptied it
            await store.PurgeHistoryAsync(Ct);
        }

        File.Copy(stalledJournal, _data.NoteJournal, overwrite: true);
        using var reopened = Open();

        Assert.Equal(["a"], (await Store(reopened).ReadPartitionAsync("p", Ct)).Select(v => v.Value.Text));
    }

    [Fact]
    public async Task KeepsEveryChangeGivenHistoryPurgesRacingCompactionsAndWrites()
    {
        using (var database = Open(compactAfterLines: 10))
        {
            var store = Store(database);
            var writers = Enumerable.Range(0, 3).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    await store.UpsertAsync(new DocumentKey("p", $"{writer}-{i % 4}"), new Note($"{writer}-{i}"), null, Ct);
                }
            }));
            var purges = Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    await store.PurgeHistoryAsync(Ct);
                }
            });
            await Task.WhenAll([.. writers, purges]);
        }

        using var reopened = Open();
        var all = await Store(reopened).ReadPartitionAsync("p", Ct);
        Assert.Equal(12, all.Count);
        Assert.All(all, v => Assert.Equal($"{v.Key.Id[0]}-{96 + int.Parse(v.Key.Id[2..], System.Globalization.CultureInfo.InvariantCulture)}", v.Value.Text));
    }

    [Fact]
    public void RefusesASecondDatabaseGivenTheDirectoryIsInUse()
    {
        using var first = Open();

        var refused = Assert.Throws<DataDirectoryInUseException>(() => Open());

        Assert.Contains(_data.Root, refused.Message, StringComparison.Ordinal);
        Assert.Contains($"process {Environment.ProcessId} ", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public async Task OpensTheDirectoryAgainGivenTheFirstDatabaseWasDisposed()
    {
        Open().Dispose();

        using var second = Open();

        Assert.NotNull(await Store(second).TryCreateAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct));
    }

    public void Dispose() => _data.Dispose();

    private EmbeddedDatabase Open(int compactAfterLines = 50_000) =>
        new(Options.Create(new EmbeddedStorageOptions { DataDirectory = _data.Root, CompactAfterLines = compactAfterLines }));

    private EmbeddedDocumentStore<Note> Store(EmbeddedDatabase database) => new(database, _time);
}
