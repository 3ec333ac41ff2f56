using Booking.Application.Common;
using Booking.Application.Storage;
using NodaTime;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>
/// What every <see cref="IDocumentStore{T}"/> adapter guarantees, run against each of them. Each test works in
/// partitions of its own, so the suites can share one database.
/// </summary>
public abstract class DocumentStoreContract
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IDocumentStore<ContractDocument> Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    private static Instant Now => TimeProvider.System.GetCurrentInstant();

    [Fact]
    public async Task ReadReturnsNullGivenMissingDocument()
    {
        Assert.Null(await Store.ReadAsync(Key("missing"), Ct));
    }

    [Fact]
    public async Task CreateReturnsETagAndReadReturnsTheSameDocumentAndETag()
    {
        var document = ContractDocument.Named("Élodie");
        var etag = await Store.TryCreateAsync(Key("a"), document, null, Ct);

        var read = await Store.ReadAsync(Key("a"), Ct);

        Assert.NotNull(etag);
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(Key("a"), read.Key);
        Assert.Equal(document with { Tags = read.Value.Tags }, read.Value);
        Assert.Equal(document.Tags, read.Value.Tags);
    }

    [Fact]
    public async Task KeepsEveryLiveDocumentAndItsETagAndNothingDeletedGivenAHistoryPurge()
    {
        var etag = await Store.TryCreateAsync(Key("kept"), ContractDocument.Named("kept"), null, Ct);
        await Store.TryCreateAsync(Key("deleted"), ContractDocument.Named("deleted"), null, Ct);
        await Store.DeleteAsync(Key("deleted"), Ct);

        await Store.PurgeHistoryAsync(Ct);

        Assert.Equal(("kept", etag), ((await Store.ReadAsync(Key("kept"), Ct))!.Value.Name, (await Store.ReadAsync(Key("kept"), Ct))!.ETag));
        Assert.Null(await Store.ReadAsync(Key("deleted"), Ct));
    }

    [Fact]
    public async Task CreateReturnsNullAndKeepsTheFirstGivenDocumentExists()
    {
        Assert.NotNull(await Store.TryCreateAsync(Key("a"), ContractDocument.Named("first"), null, Ct));

        Assert.Null(await Store.TryCreateAsync(Key("a"), ContractDocument.Named("second"), null, Ct));
        Assert.Equal("first", (await Store.ReadAsync(Key("a"), Ct))!.Value.Name);
    }

    [Fact]
    public async Task ReplaceReturnsNewETagGivenCurrentETag()
    {
        var etag = await Store.TryCreateAsync(Key("a"), ContractDocument.Named("v1"), null, Ct);

        var replaced = await Store.TryReplaceAsync(Key("a"), ContractDocument.Named("v2"), etag!, null, Ct);

        Assert.NotNull(replaced);
        Assert.NotEqual(etag, replaced);
        var read = await Store.ReadAsync(Key("a"), Ct);
        Assert.Equal(("v2", replaced), (read!.Value.Name, read.ETag));
    }

    [Fact]
    public async Task ReplaceReturnsNullGivenStaleETag()
    {
        var stale = await Store.TryCreateAsync(Key("a"), ContractDocument.Named("v1"), null, Ct);
        await Store.TryReplaceAsync(Key("a"), ContractDocument.Named("v2"), stale!, null, Ct);

        Assert.Null(await Store.TryReplaceAsync(Key("a"), ContractDocument.Named("v3"), stale!, null, Ct));
        Assert.Equal("v2", (await Store.ReadAsync(Key("a"), Ct))!.Value.Name);
    }

    [Fact]
    public async Task ReplaceReturnsNullGivenMissingDocument()
    {
        var etag = await Store.TryCreateAsync(Key("elsewhere"), ContractDocument.Named("x"), null, Ct);

        Assert.Null(await Store.TryReplaceAsync(Key("missing"), ContractDocument.Named("v"), etag!, null, Ct));
        Assert.Null(await Store.ReadAsync(Key("missing"), Ct));
    }

    [Fact]
    public async Task UpsertCreatesThenOverwritesWhateverWasThere()
    {
        var first = await Store.UpsertAsync(Key("a"), ContractDocument.Named("v1"), null, Ct);
        var second = await Store.UpsertAsync(Key("a"), ContractDocument.Named("v2"), null, Ct);

        Assert.NotEqual(first, second);
        var read = await Store.ReadAsync(Key("a"), Ct);
        Assert.Equal(("v2", second), (read!.Value.Name, read.ETag));
        Assert.Null(await Store.TryReplaceAsync(Key("a"), ContractDocument.Named("v3"), first, null, Ct));
    }

    [Fact]
    public async Task DeleteReturnsTrueOnceThenFalse()
    {
        await Store.TryCreateAsync(Key("a"), ContractDocument.Named("v"), null, Ct);

        Assert.True(await Store.DeleteAsync(Key("a"), Ct));
        Assert.False(await Store.DeleteAsync(Key("a"), Ct));
        Assert.Null(await Store.ReadAsync(Key("a"), Ct));
        Assert.NotNull(await Store.TryCreateAsync(Key("a"), ContractDocument.Named("again"), null, Ct));
    }

    [Fact]
    public async Task ReadPartitionReturnsThatPartitionsLiveDocumentsOnly()
    {
        var mine = Partition("patient:alice");
        var theirs = Partition("patient:alicia");
        await Store.TryCreateAsync(new DocumentKey(mine, "1"), ContractDocument.Named("one"), null, Ct);
        await Store.UpsertAsync(new DocumentKey(mine, "2"), ContractDocument.Named("two"), Now + Duration.FromHours(1), Ct);
        await Store.TryCreateAsync(new DocumentKey(mine, "gone"), ContractDocument.Named("expired"), Now - Duration.FromSeconds(5), Ct);
        await Store.TryCreateAsync(new DocumentKey(theirs, "1"), ContractDocument.Named("other"), null, Ct);

        var found = await Store.ReadPartitionAsync(mine, Ct);

        Assert.Equal(["one", "two"], found.Select(f => f.Value.Name).Order(StringComparer.Ordinal));
        Assert.All(found, f => Assert.Equal(mine, f.Key.Partition));
        Assert.Equal(["1", "2"], found.Select(f => f.Key.Id).Order(StringComparer.Ordinal));
        var one = found.Single(f => f.Key.Id == "1");
        Assert.Equal((await Store.ReadAsync(one.Key, Ct))!.ETag, one.ETag);
        Assert.Empty(await Store.ReadPartitionAsync(Partition("nobody"), Ct));
    }

    [Fact]
    public async Task ReadRangeReturnsThePartitionsLiveDocumentsBetweenTwoIdsBothIncluded()
    {
        var mine = Partition("practitioner:range");
        foreach (var day in new[] { "day-2026-11-30", "day-2026-12-01", "day-2026-12-03", "day-2026-12-07", "day-2026-12-08", "profile" })
        {
            await Store.TryCreateAsync(new DocumentKey(mine, day), ContractDocument.Named(day), null, Ct);
        }

        await Store.TryCreateAsync(new DocumentKey(mine, "day-2026-12-02"), ContractDocument.Named("expired"), Now - Duration.FromSeconds(5), Ct);
        await Store.TryCreateAsync(new DocumentKey(Partition("practitioner:other"), "day-2026-12-03"), ContractDocument.Named("other"), null, Ct);

        var found = await Store.ReadRangeAsync(mine, "day-2026-12-01", "day-2026-12-07", Ct);

        Assert.Equal(["day-2026-12-01", "day-2026-12-03", "day-2026-12-07"], found.Select(f => f.Key.Id).Order(StringComparer.Ordinal));
        Assert.All(found, f => Assert.Equal((mine, f.Key.Id), (f.Key.Partition, f.Value.Name)));
        var first = found.Single(f => f.Key.Id == "day-2026-12-01");
        Assert.Equal((await Store.ReadAsync(first.Key, Ct))!.ETag, first.ETag);
        Assert.Empty(await Store.ReadRangeAsync(mine, "day-2026-12-04", "day-2026-12-06", Ct));
    }

    [Fact]
    public async Task SameIdInTwoPartitionsIsTwoDocuments()
    {
        await Store.TryCreateAsync(new DocumentKey(Partition("city:evry"), "profile"), ContractDocument.Named("evry"), null, Ct);
        await Store.TryCreateAsync(new DocumentKey(Partition("city:paris"), "profile"), ContractDocument.Named("paris"), null, Ct);

        Assert.Equal("evry", (await Store.ReadAsync(new DocumentKey(Partition("city:evry"), "profile"), Ct))!.Value.Name);
        Assert.True(await Store.DeleteAsync(new DocumentKey(Partition("city:paris"), "profile"), Ct));
        Assert.NotNull(await Store.ReadAsync(new DocumentKey(Partition("city:evry"), "profile"), Ct));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("back\\slash?query#hash")]
    [InlineData("~b64~looks-encoded")]
    [InlineData("day-2026-12-01")]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    public async Task AnyIdRoundTripsThroughWritesReadsAndPartitionReads(string id)
    {
        var key = Key(id);
        var etag = await Store.TryCreateAsync(key, ContractDocument.Named(id), null, Ct);

        Assert.Equal(id, (await Store.ReadAsync(key, Ct))!.Value.Name);
        Assert.NotNull(await Store.TryReplaceAsync(key, ContractDocument.Named("v2"), etag!, null, Ct));
        Assert.Equal(key, Assert.Single(await Store.ReadPartitionAsync(key.Partition, Ct)).Key);
        Assert.True(await Store.DeleteAsync(key, Ct));
    }

    [Fact]
    public async Task DocumentWhoseExpiryHasPassedReadsAsMissingAndCanBeCreatedAgain()
    {
        await Store.TryCreateAsync(Key("a"), ContractDocument.Named("old"), Now - Duration.FromSeconds(1), Ct);

        Assert.Null(await Store.ReadAsync(Key("a"), Ct));
        Assert.NotNull(await Store.TryCreateAsync(Key("a"), ContractDocument.Named("new"), null, Ct));
        Assert.Equal("new", (await Store.ReadAsync(Key("a"), Ct))!.Value.Name);
    }

    [Fact]
    public async Task DocumentWhoseExpiryIsAheadReadsUntilThen()
    {
        await Store.UpsertAsync(Key("a"), ContractDocument.Named("kept"), Now + Duration.FromMinutes(10), Ct);

        Assert.Equal("kept", (await Store.ReadAsync(Key("a"), Ct))!.Value.Name);
    }

    [Fact]
    public async Task ExactlyOneOfFiftyParallelReplacesWithOneETagWins()
    {
        var etag = await Store.TryCreateAsync(Key("day"), ContractDocument.Named("free"), null, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => Store.TryReplaceAsync(Key("day"), ContractDocument.Named($"held-by-{i}", i), etag!, null, Ct))));

        var winner = Assert.Single(results, r => r is not null);
        var read = await Store.ReadAsync(Key("day"), Ct);
        Assert.Equal(winner, read!.ETag);
        Assert.Equal($"held-by-{read.Value.Count}", read.Value.Name);
    }

    [Fact]
    public async Task ExactlyOneOfFiftyParallelCreatesWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => Store.TryCreateAsync(Key("claim"), ContractDocument.Named($"by-{i}", i), null, Ct))));

        Assert.Single(results, r => r is not null);
    }

    protected string Partition(string name) => $"{name}:{_run}";

    private DocumentKey Key(string id) => new(Partition("contract"), id);
}
