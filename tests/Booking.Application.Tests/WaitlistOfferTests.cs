using Booking.Application.Booking;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Application.Waitlist;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>Waitlist offers: what a crash leaves half done is finished by the next run, once; offer links name one offer and nothing else.</summary>
public sealed class WaitlistOfferTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task AnOfferWrittenButNeitherHeldNorToldBeforeACrashIsHeldAndToldOnceByTheNextRuns()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("09:00", "09:30", horizon: 3));
        var joined = await _world.Get<JoinWaitlist>().HandleAsync(
            BookingWorld.Patient("waiting"), "k", new JoinWaitlistCommand(practitioner.Id, null, "2026-12-09",
                new PatientInput("Zoé", "Quennehen", "zoe@example.org", "+33612345678", "1980-02-29"), "Migraines", new ConsentInput(true, false)), default);
        Assert.True(joined.Succeeded, joined.Failure?.Detail);
        var entries = _world.Get<IDocumentStore<WaitlistEntry>>();
        var key = WaitlistKeys.Entry(practitioner.Id, joined.Value.WaitlistId);
        var stored = (await entries.ReadAsync(key, default))!;
        var slot = (await _world.SlotsAsync(practitioner))[0].Placement;
        var offer = new WaitlistOffer(OpaqueId.New(), slot, _world.Clock.GetUtcNow().AddMinutes(15).ToInstant(), Notified: false);
        await entries.TryReplaceAsync(key, stored.Value with { Offer = offer }, stored.ETag, stored.Value.ExpiresAt, default); // the crash came here

        await _world.Get<OfferFreedSlots>().RunForAsync(practitioner.Id, default);
        await _world.Get<OfferFreedSlots>().RunForAsync(practitioner.Id, default);

        var day = await _world.Days.ReadAsync(PractitionerKeys.Day(practitioner.Id, slot.Date), default);
        var hold = Assert.Single(day!.Value.ActiveHolds(_world.Clock.GetUtcNow().ToInstant()));
        Assert.Equal((offer.OfferId, "waiting"), (hold.HoldId, hold.PatientId));
        var sent = Assert.Single(_world.Email.Sent);
        Assert.Equal("waitlist-offer", sent.Kind);
        Assert.DoesNotContain("Migraines", sent.Body, StringComparison.Ordinal);
        Assert.Empty(_world.Sms.Sent);
        Assert.True((await entries.ReadAsync(key, default))!.Value.Offer!.Notified);
    }

    [Fact]
    public async Task AnOfferTokenNamesItsOfferAndAnyChangedCharacterNamesNothing()
    {
        var tokens = _world.Get<OfferTokens>();
        var reference = new OfferReference(OpaqueId.New(), OpaqueId.New(), OpaqueId.New());
        var token = await tokens.IssueAsync(reference, default);

        Assert.Equal(reference, await tokens.ReadAsync(token, default));
        Assert.Equal(OfferTokens.TokenLength, token.Length);
        for (var i = 0; i < token.Length; i += 7)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Null(await tokens.ReadAsync(changed, default));
        }

        Assert.Null(await tokens.ReadAsync(token[..^1], default));
        Assert.Null(await tokens.ReadAsync(null, default));
    }
}

internal static class ClockReadings
{
    public static Instant ToInstant(this DateTimeOffset value) => Instant.FromDateTimeOffset(value);
}
