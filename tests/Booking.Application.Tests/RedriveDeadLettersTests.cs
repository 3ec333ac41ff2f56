using Booking.Application.Messaging;
using Booking.Application.Privacy;

namespace Booking.Application.Tests;

/// <summary>Event messages the broker gave up on go through the same handlers again: late, never lost, never twice.</summary>
public sealed class RedriveDeadLettersTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task EachChannelsConfirmationGoesToItsAddressOnceTheProviderIsBackAndOnlyOnce()
    {
        var confirmed = await ConfirmedEventAsync();
        _world.DeadLetters.Add("email-confirmations", confirmed);
        _world.DeadLetters.Add("sms-confirmations", confirmed);
        var redrive = _world.Get<RedriveDeadLetters>();

        _world.Email.Down = true;
        await redrive.RunAsync(default);
        Assert.Empty(_world.Email.Sent);
        Assert.Single(_world.DeadLetters.In("email-confirmations"));
        Assert.Equal("+33612345678", Assert.Single(_world.Sms.Sent).To);
        Assert.Empty(_world.DeadLetters.In("sms-confirmations"));

        _world.Email.Down = false;
        await redrive.RunAsync(default);
        _world.DeadLetters.Add("email-confirmations", confirmed); // the same message dead-lettered twice
        await redrive.RunAsync(default);

        var email = Assert.Single(_world.Email.Sent);
        Assert.Equal("zoe@example.org", email.To);
        Assert.Equal("confirmation", email.Kind);
        Assert.Single(_world.Sms.Sent);
        Assert.Empty(_world.DeadLetters.In("email-confirmations"));
        Assert.Empty(_world.Webhooks.Posted); // not a partner's booking
    }

    [Fact]
    public async Task AConfirmationOfAnErasedPatientIsDroppedWithoutSending()
    {
        var confirmed = await ConfirmedEventAsync();
        Assert.True((await _world.Get<EraseMe>().HandleAsync(BookingWorld.Patient(), default)).Succeeded);
        _world.DeadLetters.Add("email-confirmations", confirmed);

        await _world.Get<RedriveDeadLetters>().RunAsync(default);

        Assert.Empty(_world.Email.Sent);
        Assert.Empty(_world.DeadLetters.In("email-confirmations"));
    }

    [Fact]
    public async Task ASearchSummaryRefreshTheBrokerGaveUpOnIsRedrivenSoSearchStopsOfferingTheBookedSlot()
    {
        var confirmed = await ConfirmedEventAsync(); // nobody consumed it: the summary still offers the booked slot
        var booked = Assert.Single(_world.Bus.Sent, m => m.Message.ApplicationProperties["type"] == "AppointmentConfirmed");
        Assert.Contains(BookedSlot, await FirstFreeSlotIdsAsync());
        _world.DeadLetters.Add("availability-summaries", confirmed);

        await _world.Get<RedriveDeadLetters>().RunAsync(default);

        Assert.DoesNotContain(BookedSlot, await FirstFreeSlotIdsAsync());
        Assert.Empty(_world.DeadLetters.In("availability-summaries"));
        Assert.Equal(booked, Assert.Single(_world.Bus.Sent, m => m.Message.ApplicationProperties["type"] == "AppointmentConfirmed"));
    }

    [Fact]
    public async Task PartnerRequestsDeadLetteredOverAnHourAgoArePurgedUnreadAndYoungerOnesKept()
    {
        var now = _world.Clock.GetUtcNow();
        var old = new BusMessage("request-old", "{\"patient\":{\"firstName\":\"Zoé\"}}", new Dictionary<string, string> { ["partnerId"] = "partner-1" });
        var young = old with { MessageId = "request-young" };
        _world.DeadLetters.Add("partner-booking-requests", old, now - RedriveDeadLetters.PartnerRequestDeadLetterLifetime - TimeSpan.FromSeconds(1));
        _world.DeadLetters.Add("partner-booking-requests", young, now - TimeSpan.FromMinutes(59));

        await _world.Get<RedriveDeadLetters>().RunAsync(default);

        Assert.Equal(["request-young"], _world.DeadLetters.In("partner-booking-requests").Select(m => m.MessageId));
        Assert.Empty(_world.Bus.Sent); // purged, not handled: nothing booked, nobody answered
    }

    private string BookedSlot { get; set; } = "";

    private async Task<List<string>> FirstFreeSlotIdsAsync()
    {
        var page = (await _world.Get<Search.SearchPractitioners>().HandleAsync(
            new Search.SearchPractitionersQuery("Paris", null, null, null, new Paging.PageRequest(null, null)), default)).Value!;
        return [.. page.Items.SelectMany(hit => hit.FirstFreeSlots).Select(s => s.Placement.SlotId)];
    }

    private async Task<BusMessage> ConfirmedEventAsync()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("09:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0];
        BookedSlot = slot.Placement.SlotId;
        Assert.True((await _world.BookAsync(BookingWorld.Patient(), slot.Placement.SlotId)).Succeeded);
        return Assert.Single(_world.Bus.Sent, m => m.Message.ApplicationProperties["type"] == "AppointmentConfirmed").Message;
    }
}
