using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Partners;
using Booking.Domain.Partners;

namespace Booking.Application.Tests;

public sealed class PartnerBookingTests : IDisposable
{
    private static readonly Partner Clinic = new("partner-1", "Clinic software", [], [], "sealed", Suspended: false);

    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task BooksOnceForAReplayedRequestAndOnlyThatPartnerSeesTheAppointment()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0];
        var booking = BookingValidator.Validate(
            new BookAppointmentCommand(slot.Placement.SlotId, new PatientInput("Zoé", "Martin", "zoe@example.org", "0612345678", "1990-01-01"), null, new ConsentInput(false, false)),
            new NodaTime.LocalDate(2026, 12, 1)).Value!;
        var book = _world.Get<BookAppointment>();

        var first = await book.HandleForPartnerAsync(Clinic.Id, "request-1", booking, default);
        var replay = await book.HandleForPartnerAsync(Clinic.Id, "request-1", booking, default);

        Assert.True(first.Succeeded);
        Assert.Equal(first.Value, replay.Value);
        Assert.Single(_world.Bus.Sent);
        var id = first.Value.AppointmentId!;
        var seen = await _world.Get<GetPartnerAppointment>().HandleAsync(Clinic, "key-1", id, default);
        var byAnother = await _world.Get<GetPartnerAppointment>().HandleAsync(Clinic with { Id = "partner-2" }, "key-2", id, default);
        Assert.Equal(slot.Placement, seen.Value?.Placement);
        Assert.Equal(FailureKind.NotFound, byAnother.Failure?.Kind);
        Assert.Equal(FailureKind.NotFound, (await _world.Get<GetAppointment>().HandleAsync(BookingWorld.Patient("request-1"), id, default)).Failure?.Kind);
        Assert.Equal("Zoé", (await _world.Get<GetAppointment>().HandleAsync(BookingWorld.Operator, id, default)).Value?.Patient?.FirstName);
    }
}
