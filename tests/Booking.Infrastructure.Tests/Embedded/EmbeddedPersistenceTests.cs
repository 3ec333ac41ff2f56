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
    public async Task KeepsItsDocumentsAndAnswersSortedQueriesGivenAFileOfSchemaVersion1()
    {
        using (var database = Open())
        {
            await Store(database).UpsertAsync(new DocumentKey("p", "1"), new Note("written by version 1"), null, Ct);
        }

        // What version 1 wrote: no sort key, no tags.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_data.DatabaseFile};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP INDEX documents_by_sort_key; ALTER TABLE documents DROP COLUMN sort_key; ALTER TABLE documents DROP COLUMN tags; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        using var reopened = Open();
        var sorted = new EmbeddedDocumentStore<Storage.SortedContractDocument>(reopened, _time);
        await sorted.UpsertAsync(new DocumentKey("city", "b"), new Storage.SortedContractDocument("2", ["any"], "b"), null, Ct);
        await sorted.UpsertAsync(new DocumentKey("city", "a"), new Storage.SortedContractDocument("1", ["any"], "a"), null, Ct);

        Assert.Equal("written by version 1", (await Store(reopened).ReadAsync(new DocumentKey("p", "1"), Ct))!.Value.Text);
        Assert.Equal(["a", "b"], (await sorted.QueryPartitionAsync("city", new SortedQuery("any", null, 10), Ct)).Select(d => d.Key.Id));
    }

    [Fact]
    public async Task MovesAppointmentsIntoTheirShardsAndFoldsTheOutboxMarkersGivenAFileOfSchemaVersion2()
    {
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var start = now + Duration.FromDays(2);
        var placement = new Domain.Appointments.SlotPlacement(
            "slot", new LocalDate(2026, 3, 3), new Domain.Practitioners.SlotTime(start, start + Duration.FromMinutes(30)), "Europe/Paris");
        Domain.Appointments.Appointment Booked(string id) => Domain.Appointments.Appointment.Draft(
                id, "practitioner", "patient", placement, new Domain.Patients.SealedPatient("a", "b", "c", "d", "e"), null, Domain.Patients.Consent.None, now)
            .Confirm(now) with { Outbox = [] };
        using (Open())
        {
        }

        // What version 2 wrote: each appointment in a partition of its own, and a marker per appointment in the outbox shards.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_data.DatabaseFile};Pooling=False"))
        {
            connection.Open();
            void Row(string collection, string partition, string id, string json)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO documents (collection, partition, id, etag, json) VALUES ($c, $p, $i, 'e1', $j)";
                insert.Parameters.AddWithValue("$c", collection);
                insert.Parameters.AddWithValue("$p", partition);
                insert.Parameters.AddWithValue("$i", id);
                insert.Parameters.AddWithValue("$j", Encoding.UTF8.GetBytes(json));
                insert.ExecuteNonQuery();
            }

            foreach (var id in new[] { "unfiled", "settled" })
            {
                Row("appointment", id, id, System.Text.Json.JsonSerializer.Serialize(Booked(id), Application.Common.JsonDefaults.Options));
            }

            Row("outbox-marker", "outbox-3", "unfiled", """{"appointmentId":"unfiled","since":"2026-03-01T09:00:00Z","toFile":true,"ended":false}""");
            Row("outbox-marker", "outbox-5", "settled", """{"appointmentId":"settled","since":"2026-03-01T09:00:00Z","toFile":true,"ended":true}""");
            using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version = 2";
            version.ExecuteNonQuery();
        }

        using var reopened = Open();
        var appointments = new EmbeddedDocumentStore<Domain.Appointments.Appointment>(reopened, _time);
        var unfiled = (await appointments.ReadAsync(Application.Booking.AppointmentKeys.Appointment("unfiled"), Ct))!.Value;
        var settled = (await appointments.ReadAsync(Application.Booking.AppointmentKeys.Appointment("settled"), Ct))!.Value;
        var swept = new List<string>();
        for (var shard = 0; shard < Application.Booking.AppointmentKeys.Shards; shard++)
        {
            swept.AddRange((await appointments.QueryPartitionAsync(
                Application.Booking.AppointmentKeys.Shard(shard), new SortedQuery(Domain.Appointments.Appointment.UnsettledTag, null, 10), Ct)).Select(a => a.Key.Id));
        }

        Assert.True(unfiled.ToFile); // its marker had not ended: filed again by the sweeper
        Assert.False(settled.ToFile);
        Assert.Equal(["unfiled"], swept);
        Assert.Empty(await new EmbeddedDocumentStore<Note>(reopened, _time).ReadPartitionAsync("unfiled", Ct));
        Assert.Empty(await appointments.ReadPartitionAsync("settled", Ct));
    }

    [Fact]
    public async Task RefilesDirectoryEntriesAndSummariesUnderTheSearchKeysFoldedNowGivenAFileOfSchemaVersion3()
    {
        const string city = "L\u2019Haÿ-les-Roses";
        const string specialty = "Chirurgie œso-gastrique";
        const string oldPartition = "city:l\u2019hay les roses"; // schema 3 kept the typographic apostrophe and the ligature
        const string oldSpecialtyKey = "chirurgie œso gastrique";
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var view = new Application.Practitioners.PractitionerView("p1", "Dr Test", specialty, city, "Europe/Paris", []);
        string untouchedETag;
        using (var database = Open())
        {
            var directory = new EmbeddedDocumentStore<Application.Practitioners.DirectoryEntry>(database, _time);
            var summaries = new EmbeddedDocumentStore<Application.Search.AvailabilitySummary>(database, _time);
            await directory.UpsertAsync(new DocumentKey(oldPartition, "p1"), new Application.Practitioners.DirectoryEntry("p1", "Dr Test", specialty, city, "Europe/Paris", oldSpecialtyKey), null, Ct);
            await summaries.UpsertAsync(new DocumentKey(oldPartition, "summary.p1"), new Application.Search.AvailabilitySummary(view, oldSpecialtyKey, null, [], 60, now, now, []), null, Ct);
            untouchedETag = await directory.UpsertAsync(
                Application.Practitioners.PractitionerKeys.DirectoryEntry("Évry", "p2"),
                new Application.Practitioners.DirectoryEntry("p2", "Dr Évry", "Psychiatrie", "Évry", "Europe/Paris", "psychiatrie"), null, Ct);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_data.DatabaseFile};Pooling=False"))
        {
            connection.Open();
            using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version = 3";
            version.ExecuteNonQuery();
        }

        using var reopened = Open();
        var refiledDirectory = new EmbeddedDocumentStore<Application.Practitioners.DirectoryEntry>(reopened, _time);
        var refiledSummaries = new EmbeddedDocumentStore<Application.Search.AvailabilitySummary>(reopened, _time);
        var searched = Application.Practitioners.PractitionerKeys.DirectoryPartition("L'HAY LES ROSES");
        var specialtyKey = Domain.Common.TextNormalizer.ForMatching("chirurgie oeso-gastrique");

        Assert.Equal(specialtyKey, (await refiledDirectory.ReadAsync(new DocumentKey(searched, "p1"), Ct))!.Value.SpecialtyKey);
        var found = await refiledSummaries.QueryPartitionAsync(searched, new SortedQuery(Application.Search.SummaryKeys.Tag(null, specialtyKey), null, 10), Ct);
        Assert.Equal(["summary.p1"], found.Select(f => f.Key.Id));
        Assert.Equal(specialtyKey, found[0].Value.SpecialtyKey);
        Assert.Empty(await refiledDirectory.ReadPartitionAsync(oldPartition, Ct));
        Assert.Empty(await refiledSummaries.ReadPartitionAsync(oldPartition, Ct));
        Assert.Equal(untouchedETag, (await refiledDirectory.ReadAsync(Application.Practitioners.PractitionerKeys.DirectoryEntry("evry", "p2"), Ct))!.ETag);
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
            stale = (await Store(database).TryCreateAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct))!;
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
    public async Task PurgesEveryExpiredDocumentGivenMoreThanOneBatch()
    {
        using var database = Open();
        var store = Store(database);
        var soon = Instant.FromDateTimeOffset(_time.GetUtcNow()) + Duration.FromMinutes(1);
        for (var i = 0; i < EmbeddedExpiredPurger.BatchSize * 2 + 7; i++)
        {
            await store.UpsertAsync(new DocumentKey("p", $"{i}"), new Note("short-lived"), soon, Ct);
        }

        await store.UpsertAsync(new DocumentKey("p", "kept"), new Note("kept"), null, Ct);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(EmbeddedExpiredPurger.BatchSize * 2 + 7, await new EmbeddedExpiredPurger(database, _time).PurgeAsync(Ct));
        Assert.Equal(["kept"], (await store.ReadPartitionAsync("p", Ct)).Select(v => v.Key.Id));
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
            Assert.Contains(Files(), bytes => Contains(bytes, "erased-secret")); // the scan itself finds what is there
            await store.DeleteAsync(new DocumentKey("p", "erased"), Ct);

            await store.PurgeHistoryAsync(Ct);

            Assert.All(Files(), bytes => Assert.False(Contains(bytes, "erased-secret")));
            Assert.All(Files(), bytes => Assert.False(Contains(bytes, "first-version")));
            Assert.Contains(Files(), bytes => Contains(bytes, "kept, second"));
            await store.UpsertAsync(new DocumentKey("p", "after"), new Note("after"), null, Ct);
        }

        using var reopened = Open();
        Assert.Equal(["after", "kept, second"], (await Store(reopened).ReadPartitionAsync("p", Ct)).Select(v => v.Value.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LeavesNoDeletedDocumentInAnyFileGivenAHistoryPurgeWhileAnotherDatabaseReadsTheSameFile()
    {
        using var database = Open();
        using var other = Open();
        var store = Store(database);
        await store.UpsertAsync(new DocumentKey("p", "erased"), new Note("erased-secret"), null, Ct);
        var reader = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await Store(other).ReadPartitionAsync("p", Ct);
            }
        });
        await store.DeleteAsync(new DocumentKey("p", "erased"), Ct);

        await store.PurgeHistoryAsync(Ct);
        await reader;

        Assert.All(Files(), bytes => Assert.False(Contains(bytes, "erased-secret")));
    }

    [Fact]
    public async Task LetsExactlyOneWinGivenTwoDatabasesOnOneFileRacingForTheSameDocuments()
    {
        using var first = Open();
        using var second = Open();
        var stores = new[] { Store(first), Store(second) };

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            stores[i % 2].TryCreateAsync(new DocumentKey("slots", $"slot-{i % 20}"), new Note($"writer {i}"), null, Ct))));

        Assert.Equal(20, results.Count(r => r is not null));
        var etag = (await stores[0].ReadAsync(new DocumentKey("slots", "slot-0"), Ct))!.ETag;
        var replaces = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            stores[i % 2].TryReplaceAsync(new DocumentKey("slots", "slot-0"), new Note($"replacer {i}"), etag, null, Ct))));
        Assert.Single(replaces, r => r is not null);
    }

    [Fact]
    public async Task SeesTheOtherDatabasesWritesGivenTwoOnOneFile()
    {
        using var first = Open();
        using var second = Open();

        var etag = await Store(first).UpsertAsync(new DocumentKey("p", "1"), new Note("from the first"), null, Ct);

        Assert.Equal(etag, (await Store(second).ReadAsync(new DocumentKey("p", "1"), Ct))!.ETag);
        Assert.NotNull(await Store(second).TryReplaceAsync(new DocumentKey("p", "1"), new Note("from the second"), etag, null, Ct));
        Assert.Equal("from the second", (await Store(first).ReadAsync(new DocumentKey("p", "1"), Ct))!.Value.Text);
    }

    [Fact]
    public async Task KeepsTheWriteAheadLogBoundedGivenWritesThatNeverPauseAndReadsBesideThem()
    {
        using var database = Open();
        var store = Store(database);
        var text = new string('x', 1500);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await store.ReadPartitionAsync("p0", Ct);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 4000; i++)
            {
                await store.UpsertAsync(new DocumentKey($"p{w}", $"{i % 500}"), new Note(text + i), null, Ct);
            }
        })));
        await stop.CancelAsync();
        await reader;

        // 16,000 writes of 1.5 KB: about 24 MB of log without checkpoints. SQLite checkpoints at 1,000 pages (4 MB).
        Assert.InRange(new FileInfo(_data.DatabaseFile + "-wal").Length, 0, 20 * 1024 * 1024);
    }

    [Fact]
    public void RefusesADataDirectoryHoldingAnEarlierVersionsJournalStore()
    {
        Directory.CreateDirectory(Path.Combine(_data.Root, "store"));
        File.WriteAllText(Path.Combine(_data.Root, "store", "appointment.journal.jsonl"), "{}\n");

        var refused = Assert.Throws<DataDirectoryRefusedException>(() => Open());

        Assert.Contains(_data.Root, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public async Task TellsWhetherTheFileHoldsDocumentsOfACollectionWithoutOpeningTheStore()
    {
        Assert.False(EmbeddedDatabase.HoldsDocuments(_data.Root, "note"));
        using (var database = Open())
        {
            Assert.False(EmbeddedDatabase.HoldsDocuments(_data.Root, "note"));
            await Store(database).UpsertAsync(new DocumentKey("p", "1"), new Note("one"), null, Ct);
            Assert.True(EmbeddedDatabase.HoldsDocuments(_data.Root, "note"));
        }

        Assert.True(EmbeddedDatabase.HoldsDocuments(_data.Root, "note"));
        Assert.False(EmbeddedDatabase.HoldsDocuments(_data.Root, "other"));
    }

    public void Dispose() => _data.Dispose();

    private List<byte[]> Files() =>
        [.. Directory.EnumerateFiles(Path.Combine(_data.Root, "store")).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        })];

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private EmbeddedDatabase Open() => new(Options.Create(new EmbeddedStorageOptions { DataDirectory = _data.Root }));

    private EmbeddedDocumentStore<Note> Store(EmbeddedDatabase database) => new(database, _time);
}
