using Booking.Application.Storage;
using Booking.Application.Common;
using NodaTime;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>
/// What <see cref="IDocumentStore{T}.QueryPartitionAsync"/> guarantees on every adapter (and by the port's default, what a
/// decorator that does not forward it answers): a partition's documents of one tag, after a sort key, by sort key, cut
/// at the limit, live ones only. Each test works in partitions of its own.
/// </summary>
public abstract class SortedQueryContract
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IDocumentStore<SortedContractDocument> Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    private static Instant Now => TimeProvider.System.GetCurrentInstant();

    [Fact]
    public async Task ReturnsThePartitionsDocumentsOfTheTagBySortKeyUpToTheLimit()
    {
        var city = Partition("city:lyon");
        await PutAsync(city, "c", "000300 x", "any");
        await PutAsync(city, "a", "000100 x", "any", "any|s:cardiology");
        await PutAsync(city, "b", "000200 y", "other");
        await PutAsync(city, "d", "000050 z", "any");
        await PutAsync(Partition("city:paris"), "e", "000010 w", "any");

        var page = await Store.QueryPartitionAsync(city, new SortedQuery("any", null, 2), Ct);

        Assert.Equal(["d", "a"], page.Select(d => d.Key.Id));
        Assert.All(page, d => Assert.Equal(city, d.Key.Partition));
        Assert.Equal((await Store.ReadAsync(page[0].Key, Ct))!.ETag, page[0].ETag);
        Assert.Equal(["a"], (await Store.QueryPartitionAsync(city, new SortedQuery("any|s:cardiology", null, 10), Ct)).Select(d => d.Key.Id));
        Assert.Empty(await Store.QueryPartitionAsync(city, new SortedQuery("none", null, 10), Ct));
    }

    [Fact]
    public async Task ContinuesStrictlyAfterTheGivenSortKeyInOrdinalOrder()
    {
        var city = Partition("city:nice");
        await PutAsync(city, "1", "000100 4142 id1", "any");
        await PutAsync(city, "2", "000100 41 id2", "any");
        await PutAsync(city, "3", "000100 41 id3", "any");
        await PutAsync(city, "4", "000099 7a id4", "any");

        var all = await Store.QueryPartitionAsync(city, new SortedQuery("any", null, 10), Ct);
        var after = await Store.QueryPartitionAsync(city, new SortedQuery("any", "000100 41 id2", 10), Ct);

        Assert.Equal(["4", "2", "3", "1"], all.Select(d => d.Key.Id));
        Assert.Equal(["3", "1"], after.Select(d => d.Key.Id));
    }

    [Fact]
    public async Task LeavesOutExpiredDocumentsAndFollowsReplacedSortKeys()
    {
        var city = Partition("city:evry");
        await PutAsync(city, "kept", "000200", "any");
        await Store.UpsertAsync(new DocumentKey(city, "gone"), new SortedContractDocument("000100", ["any"], "gone"), Now - Duration.FromSeconds(5), Ct);
        var moved = await PutAsync(city, "moved", "000300", "any");

        await Store.TryReplaceAsync(new DocumentKey(city, "moved"), new SortedContractDocument("000050", ["any"], "moved"), moved, null, Ct);

        Assert.Equal(["moved", "kept"], (await Store.QueryPartitionAsync(city, new SortedQuery("any", null, 10), Ct)).Select(d => d.Key.Id));
        Assert.Equal("moved", (await Store.QueryPartitionAsync(city, new SortedQuery("any", null, 1), Ct))[0].Value.Name);
    }

    [Fact]
    public async Task ReadsOnePageOfAPartitionOfAThousandWithoutGoingPastIt()
    {
        var city = Partition("city:large");
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => PutAsync(city, $"p{i:D4}", $"{999 - i:D6}", "any", i % 2 == 0 ? "even" : "odd")));

        var first = await Store.QueryPartitionAsync(city, new SortedQuery("even", null, 20), Ct);
        var second = await Store.QueryPartitionAsync(city, new SortedQuery("even", first[^1].Value.SortKey, 20), Ct);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"p{998 - (2 * i):D4}"), first.Select(d => d.Key.Id));
        Assert.Equal(Enumerable.Range(20, 20).Select(i => $"p{998 - (2 * i):D4}"), second.Select(d => d.Key.Id));
    }

    private async Task<string> PutAsync(string partition, string id, string sortKey, params string[] tags) =>
        await Store.UpsertAsync(new DocumentKey(partition, id), new SortedContractDocument(sortKey, tags, id), null, Ct);

    private string Partition(string name) => $"{name}:{_run}";
}
