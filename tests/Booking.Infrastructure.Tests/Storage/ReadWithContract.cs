using Booking.Application.Common;
using Booking.Application.Storage;
using NodaTime;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>
/// What <see cref="IDocumentStore{T}.ReadWithAsync"/> guarantees on every adapter (and by the port's default, what a
/// decorator that does not forward it answers): each of the two documents exactly as <see cref="IDocumentStore{T}.ReadAsync"/>
/// would answer it. Each test works in partitions of its own.
/// </summary>
public abstract class ReadWithContract
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected abstract IDocumentStore<ContractDocument> Store { get; }

    protected abstract IDocumentStore<OtherContractDocument> Others { get; }

    private static CancellationToken Ct => CancellationToken.None;

    private static Instant Now => TimeProvider.System.GetCurrentInstant();

    [Fact]
    public async Task ReturnsBothWithTheETagsAReadGivesGivenBothPresent()
    {
        var key = Key("practitioner:both", "profile");
        var etag = await Store.TryCreateAsync(key, ContractDocument.Named("profile"), null, Ct);
        var otherETag = await Others.TryCreateAsync(key with { Id = "day-2026-12-01" }, Other("day"), null, Ct);

        var (document, other) = await Store.ReadWithAsync(key, Others, "day-2026-12-01", Ct);

        Assert.Equal((key, "profile", etag), (document!.Key, document.Value.Name, document.ETag));
        Assert.Equal((key with { Id = "day-2026-12-01" }, "day", otherETag), (other!.Key, other.Value.Label, other.ETag));
        Assert.Equal([1, 2, 3], other.Value.Slots);
        Assert.Equal((await Store.ReadAsync(key, Ct))!.ETag, document.ETag);
        Assert.NotNull(await Store.TryReplaceAsync(key, ContractDocument.Named("v2"), document.ETag, null, Ct));
        Assert.NotNull(await Others.TryReplaceAsync(other.Key, Other("v2"), other.ETag, null, Ct));
    }

    [Fact]
    public async Task ReturnsNullForTheAbsentOneAndTheOtherGivenOneAbsent()
    {
        var key = Key("practitioner:one", "profile");
        await Store.TryCreateAsync(key, ContractDocument.Named("profile"), null, Ct);
        await Others.TryCreateAsync(key with { Id = "day-2026-12-02" }, Other("day"), null, Ct);

        var (document, missingDay) = await Store.ReadWithAsync(key, Others, "day-2026-12-01", Ct);
        var (missingProfile, day) = await Store.ReadWithAsync(key with { Id = "missing" }, Others, "day-2026-12-02", Ct);

        var (nobody, noDay) = await Store.ReadWithAsync(Key("practitioner:nobody", "profile"), Others, "day-2026-12-01", Ct);

        Assert.Equal("profile", document?.Value.Name);
        Assert.Null(missingDay);
        Assert.Null(missingProfile);
        Assert.Equal("day", day?.Value.Label);
        Assert.Null(nobody);
        Assert.Null(noDay);
    }

    [Fact]
    public async Task ReturnsNothingOfAnotherPartition()
    {
        var key = Key("practitioner:mine", "profile");
        await Store.TryCreateAsync(key, ContractDocument.Named("mine"), null, Ct);
        await Others.TryCreateAsync(Key("practitioner:mine-too", "day-2026-12-01"), Other("theirs"), null, Ct);
        await Store.TryCreateAsync(Key("practitioner:mine-too", "profile"), ContractDocument.Named("theirs"), null, Ct);

        var (document, other) = await Store.ReadWithAsync(key, Others, "day-2026-12-01", Ct);

        Assert.Equal((key, "mine"), (document!.Key, document.Value.Name));
        Assert.Null(other);
    }

    [Fact]
    public async Task ReturnsNullForADocumentWhoseExpiryHasPassed()
    {
        var key = Key("practitioner:expired", "profile");
        await Store.UpsertAsync(key, ContractDocument.Named("gone"), Now - Duration.FromSeconds(5), Ct);
        await Others.UpsertAsync(key with { Id = "day-2026-12-01" }, Other("kept"), Now + Duration.FromMinutes(10), Ct);
        await Others.UpsertAsync(key with { Id = "day-2026-12-02" }, Other("gone"), Now - Duration.FromSeconds(5), Ct);
        await Store.UpsertAsync(Key("practitioner:expired", "kept"), ContractDocument.Named("kept"), Now + Duration.FromMinutes(10), Ct);

        var (expired, kept) = await Store.ReadWithAsync(key, Others, "day-2026-12-01", Ct);
        var (keptToo, expiredToo) = await Store.ReadWithAsync(key with { Id = "kept" }, Others, "day-2026-12-02", Ct);

        Assert.Null(expired);
        Assert.Equal("kept", kept?.Value.Label);
        Assert.Equal("kept", keptToo?.Value.Name);
        Assert.Null(expiredToo);
    }

    // Each kind's id is asked of the other kind's document. Both kinds at one id are not stored: on Cosmos DB the kinds
    // of one container share its (pk, id) keys, which is why a profile and its days have ids that differ.
    [Fact]
    public async Task TakesNoDocumentOfTheOtherKindForOneOfThisKindGivenTheSameId()
    {
        var key = Key("practitioner:same-id", "other-kind-only");
        await Others.TryCreateAsync(key, Other("other kind"), null, Ct);
        await Store.TryCreateAsync(key with { Id = "this-kind-only" }, ContractDocument.Named("this kind"), null, Ct);

        var (document, other) = await Store.ReadWithAsync(key, Others, "this-kind-only", Ct);
        var (each, eachOther) = await Store.ReadWithAsync(key with { Id = "this-kind-only" }, Others, "other-kind-only", Ct);

        Assert.Null(document);
        Assert.Null(other);
        Assert.Equal(("this kind", "other kind"), (each?.Value.Name, eachOther?.Value.Label));
    }

    private static OtherContractDocument Other(string label) => new(label, [1, 2, 3]);

    private DocumentKey Key(string partition, string id) => new($"{partition}:{_run}", id);
}
