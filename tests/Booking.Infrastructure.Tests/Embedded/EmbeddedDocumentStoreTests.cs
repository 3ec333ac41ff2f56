using Booking.Application.Storage;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Booking.Infrastructure.Tests.Embedded;

public sealed class EmbeddedDocumentStoreTests : IDisposable
{
    private static readonly DocumentKey Key = new("partition-a", "note-1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly EmbeddedDatabase _database = new(Options.Create(new EmbeddedStorageOptions()));
    private readonly EmbeddedDocumentStore<Note> _store;

    public EmbeddedDocumentStoreTests() => _store = new EmbeddedDocumentStore<Note>(_database, _time);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task ReadsTheDocumentBackGivenItWasCreated()
    {
        var etag = await _store.TryCreateAsync(Key, new Note("first"), null, Ct);

        var read = await _store.ReadAsync(Key, Ct);

        Assert.NotNull(etag);
        Assert.Equal(new Versioned<Note>(Key, new Note("first"), etag), read);
    }

    [Fact]
    public async Task ReturnsNullAndKeepsTheFirstGivenTheIdExists()
    {
        await _store.TryCreateAsync(Key, new Note("first"), null, Ct);

        var etag = await _store.TryCreateAsync(Key, new Note("second"), null, Ct);

        Assert.Null(etag);
        Assert.Equal(new Note("first"), (await _store.ReadAsync(Key, Ct))?.Value);
    }

    [Fact]
    public async Task CreatesGivenTheSameIdInAnotherPartition()
    {
        await _store.TryCreateAsync(Key, new Note("first"), null, Ct);

        var etag = await _store.TryCreateAsync(Key with { Partition = "partition-b" }, new Note("other"), null, Ct);

        Assert.NotNull(etag);
    }

    [Fact]
    public async Task ReplacesAndGivesANewETagGivenTheCurrentETag()
    {
        var first = await _store.TryCreateAsync(Key, new Note("first"), null, Ct);

        var second = await _store.TryReplaceAsync(Key, new Note("second"), first!, null, Ct);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(new Versioned<Note>(Key, new Note("second"), second), await _store.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task ReturnsNullAndKeepsTheValueGivenAStaleETag()
    {
        var stale = await _store.TryCreateAsync(Key, new Note("first"), null, Ct);
        var current = await _store.TryReplaceAsync(Key, new Note("second"), stale!, null, Ct);

        var replaced = await _store.TryReplaceAsync(Key, new Note("third"), stale!, null, Ct);

        Assert.Null(replaced);
        Assert.Equal(new Versioned<Note>(Key, new Note("second"), current!), await _store.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenReplaceOfAMissingDocument()
    {
        Assert.Null(await _store.TryReplaceAsync(Key, new Note("second"), "any-etag", null, Ct));
        Assert.Null(await _store.ReadAsync(Key, Ct));
    }

    [Fact]
    public async Task WritesWhateverWasThereGivenUpsert()
    {
        var created = await _store.UpsertAsync(Key, new Note("first"), null, Ct);

        var overwritten = await _store.UpsertAsync(Key, new Note("second"), null, Ct);

        Assert.NotEqual(created, overwritten);
        Assert.Equal(new Versioned<Note>(Key, new Note("second"), overwritten), await _store.ReadAsync(Key, Ct));
        Assert.Null(await _store.TryReplaceAsync(Key, new Note("third"), created, null, Ct));
    }

    [Fact]
    public async Task RemovesTheDocumentGivenDelete()
    {
        await _store.TryCreateAsync(Key, new Note("first"), null, Ct);

        Assert.True(await _store.DeleteAsync(Key, Ct));

        Assert.Null(await _store.ReadAsync(Key, Ct));
        Assert.NotNull(await _store.TryCreateAsync(Key, new Note("again"), null, Ct));
    }

    [Fact]
    public async Task ReturnsFalseGivenDeleteOfAMissingDocument()
    {
        Assert.False(await _store.DeleteAsync(Key, Ct));
    }

    [Fact]
    public async Task ReturnsOnlyThatPartitionGivenReadPartition()
    {
        await _store.UpsertAsync(new DocumentKey("partition-a", "1"), new Note("a1"), null, Ct);
        await _store.UpsertAsync(new DocumentKey("partition-a", "2"), new Note("a2"), null, Ct);
        await _store.UpsertAsync(new DocumentKey("partition-b", "1"), new Note("b1"), null, Ct);

        var found = await _store.ReadPartitionAsync("partition-a", Ct);

        Assert.Equal(["a1", "a2"], found.Select(v => v.Value.Text).Order(StringComparer.Ordinal));
        Assert.All(found, v => Assert.Equal("partition-a", v.Key.Partition));
        Assert.Empty(await _store.ReadPartitionAsync("partition-c", Ct));
    }

    [Fact]
    public async Task ReadsAsAbsentGivenTheDocumentExpired()
    {
        var expiresAt = Now() + Duration.FromHours(1);
        await _store.TryCreateAsync(Key, new Note("short-lived"), expiresAt, Ct);
        Assert.NotNull(await _store.ReadAsync(Key, Ct));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await _store.ReadAsync(Key, Ct));
        Assert.Empty(await _store.ReadPartitionAsync(Key.Partition, Ct));
        Assert.False(await _store.DeleteAsync(Key, Ct));
    }

    [Fact]
    public async Task CreatesOverItGivenTheExistingDocumentExpired()
    {
        await _store.TryCreateAsync(Key, new Note("short-lived"), Now() + Duration.FromMinutes(5), Ct);
        _time.Advance(TimeSpan.FromMinutes(10));

        var etag = await _store.TryCreateAsync(Key, new Note("fresh"), null, Ct);

        Assert.NotNull(etag);
        Assert.Equal(new Note("fresh"), (await _store.ReadAsync(Key, Ct))?.Value);
    }

    [Fact]
    public async Task RemovesOnlyExpiredDocumentsAndCountsThemGivenPurge()
    {
        var purger = new EmbeddedExpiredPurger(_database, _time);
        await _store.UpsertAsync(new DocumentKey("p", "expiring-1"), new Note("x"), Now() + Duration.FromMinutes(5), Ct);
        await _store.UpsertAsync(new DocumentKey("q", "expiring-2"), new Note("y"), Now() + Duration.FromMinutes(5), Ct);
        await _store.UpsertAsync(new DocumentKey("p", "later"), new Note("z"), Now() + Duration.FromDays(1), Ct);
        await _store.UpsertAsync(new DocumentKey("p", "forever"), new Note("w"), null, Ct);
        Assert.Equal(0, await purger.PurgeAsync(Ct));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(2, await purger.PurgeAsync(Ct));
        Assert.Equal(0, await purger.PurgeAsync(Ct));
        Assert.Equal(["forever", "later"], (await _store.ReadPartitionAsync("p", Ct)).Select(v => v.Key.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LetsExactlyOneWinGivenOneHundredParallelReplacesWithTheSameETag()
    {
        var etag = await _store.TryCreateAsync(Key, new Note("start"), null, Ct);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 100)
            .Select(i => Task.Run(
                () =>
                {
                    start.Wait(Ct);
                    return _store.TryReplaceAsync(Key, new Note($"writer {i}"), etag!, null, Ct);
                },
                Ct))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results.Select((r, i) => (ETag: r, Writer: i)), r => r.ETag is not null);
        Assert.Equal(new Versioned<Note>(Key, new Note($"writer {winner.Writer}"), winner.ETag!), await _store.ReadAsync(Key, Ct));
    }

    public void Dispose() => _database.Dispose();

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());
}
