using Booking.Application.Privacy;
using Booking.Application.Storage;

namespace Booking.Application.Tests;

/// <summary>Data keys and their cache: a destroyed key opens nothing from that instant, cached or not.</summary>
public sealed class DataKeysTests : IDisposable
{
    private static readonly DataKeyOwner Owner = DataKeyOwner.Patient("patient-1");
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
    private readonly FlakyStore<WrappedDataKey> _store;

    public DataKeysTests() => _store = new(_world.Get<IDocumentStore<WrappedDataKey>>());

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task AKeyReadJustBeforeItIsDestroyedIsNotCachedPastTheDestruction()
    {
        using (var other = Keys())
        {
            await other.GetOrCreateAsync(Owner, default);
        }

        using var keys = Keys();
        _store.AfterNextRead = () => keys.DestroyAsync(Owner, default); // an erasure between the read and the caching

        Assert.NotNull(await keys.FindAsync(Owner, default)); // read before the destruction: it was there then
        Assert.Null(await keys.FindAsync(Owner, default));
    }

    [Fact]
    public async Task AKeyReadAgainIsServedFromTheCache()
    {
        using var keys = Keys();
        var created = await keys.GetOrCreateAsync(Owner, default);
        var reads = _store.Reads;

        Assert.Equal(created.Key, (await keys.FindAsync(Owner, default))!.Key);
        Assert.Equal(reads, _store.Reads);
    }

    private DataKeys Keys() => new(_store, _world.KeyRing, _world.Get<IFieldCipher>(), _world.Clock);
}
