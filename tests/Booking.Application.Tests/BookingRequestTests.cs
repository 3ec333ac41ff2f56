using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Idempotency;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Application.Tests;

/// <summary>What a booking request is answered before any slot is held: who may book, and which fields are wrong.</summary>
public sealed class BookingRequestTests : IDisposable
{
    private static readonly PatientInput Zoe = new("Zoé", "Martin", "zoe@example.org", "0612345678", "1990-01-01");
    private static readonly ConsentInput Consents = new(true, true);

    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
    private Practitioner? _practitioner;

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task RefusesAPractitionerOrAnOperator()
    {
        var slot = await FirstSlotAsync();

        var byPractitioner = await Book(new Caller("dr", Role.Practitioner, OpaqueId.New()), "k", new(slot, Zoe, null, Consents));
        var byOperator = await Book(BookingWorld.Operator, "k", new(slot, Zoe, null, Consents));

        Assert.Equal(FailureKind.Forbidden, byPractitioner.Failure?.Kind);
        Assert.Equal(FailureKind.Forbidden, byOperator.Failure?.Kind);
        Assert.Contains(await SlotIdsAsync(), s => s == slot);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("key with a tab\t")]
    public async Task AnswersAValidationErrorOnTheHeaderGivenNoUsableIdempotencyKey(string? key)
    {
        var slot = await FirstSlotAsync();

        var refused = await Book(BookingWorld.Patient(), key, new(slot, Zoe, null, Consents));

        Assert.Equal("Idempotency-Key", Assert.Single(refused.Failure!.Errors!).Field);
        Assert.Contains(await SlotIdsAsync(), s => s == slot);
    }

    [Fact]
    public async Task AcceptsAnIdempotencyKeyOfTheMaximumLengthAndRefusesALongerOne()
    {
        var slots = await SlotIdsAsync();

        var longest = await Book(BookingWorld.Patient(), new string('k', IdempotencyKey.MaxLength), new(slots[0], Zoe, null, Consents));
        var tooLong = await Book(BookingWorld.Patient(), new string('k', IdempotencyKey.MaxLength + 1), new(slots[1], Zoe, null, Consents));

        Assert.True(longest.Succeeded);
        Assert.Equal("Idempotency-Key", Assert.Single(tooLong.Failure!.Errors!).Field);
    }

    [Fact]
    public async Task ListsEveryMissingFieldAtOnce()
    {
        var refused = await Book(BookingWorld.Patient(), "k", new(null, null, null, null));

        Assert.Equal(FailureKind.Validation, refused.Failure?.Kind);
        Assert.Equal(
            [("required", "slotId"), ("required", "patient"), ("required", "consent")],
            refused.Failure!.Errors!.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public async Task NamesAMalformedSlotIdInvalidRatherThanMissing()
    {
        var refused = await Book(BookingWorld.Patient(), "k", new("not-a-slot", Zoe, null, Consents));

        Assert.Equal(("invalid-slot-id", "slotId"), refused.Failure!.Errors!.Select(e => (e.Code, e.Field)).Single());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(true, null)]
    public async Task RequiresBothConsentAnswers(bool? email, bool? sms)
    {
        var slot = await FirstSlotAsync();

        var refused = await Book(BookingWorld.Patient(), "k", new(slot, Zoe, null, new(email, sms)));

        Assert.Equal(("required", "consent"), refused.Failure!.Errors!.Select(e => (e.Code, e.Field)).Single());
    }

    [Fact]
    public async Task ReportsThePatientsFieldErrorsWithTheirPaths()
    {
        var slot = await FirstSlotAsync();

        var refused = await Book(BookingWorld.Patient(), "k", new(slot, Zoe with { Email = "nope", Phone = "12" }, null, Consents));

        Assert.Equal(["patient.email", "patient.phone"], refused.Failure!.Errors!.Select(e => e.Field));
    }

    [Fact]
    public async Task RefusesAReasonLongerThanTheLimitAndKeepsOneAtTheLimit()
    {
        var slots = await SlotIdsAsync();

        var tooLong = await Book(BookingWorld.Patient(), "k1", new(slots[0], Zoe, new string('r', Appointment.MaxReasonLength + 1), Consents));
        var atLimit = await Book(BookingWorld.Patient(), "k2", new(slots[0], Zoe, new string('r', Appointment.MaxReasonLength), Consents));

        Assert.Equal("reason", Assert.Single(tooLong.Failure!.Errors!).Field);
        Assert.True(atLimit.Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task StoresNoReasonGivenABlankOne(string reason)
    {
        var slot = await FirstSlotAsync();

        var booked = await Book(BookingWorld.Patient(), "k", new(slot, Zoe, reason, Consents));
        var view = await _world.Get<GetAppointment>().HandleAsync(BookingWorld.Patient(), booked.Value!.AppointmentId!, default);

        Assert.Null(view.Value!.Reason);
        Assert.DoesNotContain(Domain.Patients.PersonalField.Reason, (await _world.Get<Privacy.IAccessLog>().AboutPatientAsync("patient-1", default)).Single().Fields);
    }

    [Fact]
    public async Task AnswersSlotTakenGivenAWellFormedIdThatNoScheduleOffers()
    {
        var slot = await FirstSlotAsync();
        var parsed = SlotId.TryParse(slot)!;
        var forged = (parsed with { SlotToken = "AAAAAAAAAAAA" }).ToString();
        var unknownPractitioner = (parsed with { PractitionerId = OpaqueId.New() }).ToString();

        var byToken = await Book(BookingWorld.Patient(), "k1", new(forged, Zoe, null, Consents));
        var byPractitioner = await Book(BookingWorld.Patient(), "k2", new(unknownPractitioner, Zoe, null, Consents));

        Assert.Equal("slot-taken", byToken.Failure?.Code);
        Assert.Equal("slot-taken", byPractitioner.Failure?.Code);
        Assert.Empty((await _world.Get<ListMyAppointments>().HandleAsync(BookingWorld.Patient(), Paging.PageRequest.First, default)).Value!.Items);
    }

    [Fact]
    public async Task ReplaysTheFirstReceiptAndBooksNothingNewGivenTheSameKeyAndBody()
    {
        var slot = await FirstSlotAsync();

        var first = await Book(BookingWorld.Patient(), "k", new(slot, Zoe, "Follow-up", Consents));
        var replay = await Book(BookingWorld.Patient(), "k", new(slot, Zoe, "Follow-up", Consents));
        var otherBody = await Book(BookingWorld.Patient(), "k", new(slot, Zoe, "Something else", Consents));

        Assert.Equal(first.Value, replay.Value);
        Assert.Equal(IdempotencyGuard.KeyReused, otherBody.Failure);
        Assert.Single((await _world.Get<ListMyAppointments>().HandleAsync(BookingWorld.Patient(), Paging.PageRequest.First, default)).Value!.Items);
        Assert.Single(_world.Bus.Sent);
    }

    [Fact]
    public async Task AnswersSlotTakenToTheSecondPatientAndShowsThemNothingBooked()
    {
        var slot = await FirstSlotAsync();
        Assert.True((await Book(BookingWorld.Patient("first"), "k", new(slot, Zoe, null, Consents))).Succeeded);

        var second = await Book(BookingWorld.Patient("second"), "k", new(slot, Zoe, null, Consents));

        Assert.Equal("slot-taken", second.Failure?.Code);
        Assert.Empty((await _world.Get<ListMyAppointments>().HandleAsync(BookingWorld.Patient("second"), Paging.PageRequest.First, default)).Value!.Items);
    }

    [Fact]
    public async Task GivesTheReceiptTheSlotsTimesInThePractitionersZone()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner, "2026-12-03", "2026-12-03"))[0];

        var booked = await Book(BookingWorld.Patient(), "k", new(slot.Placement.SlotId, Zoe, null, Consents));

        Assert.Equal(new BookingReceipt(true, booked.Value!.AppointmentId, practitioner.Id, slot.Placement.LocalStart, slot.Placement.LocalEnd), booked.Value);
        Assert.Equal(8, booked.Value.Start!.Value.Hour);
    }

    private Task<Outcome<BookingReceipt>> Book(Caller caller, string? key, BookAppointmentCommand command) =>
        _world.Get<BookAppointment>().HandleAsync(caller, key, command, default);

    private async Task<string> FirstSlotAsync() => (await SlotIdsAsync())[0];

    private async Task<List<string>> SlotIdsAsync()
    {
        _practitioner ??= await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        return [.. (await _world.SlotsAsync(_practitioner)).Select(s => s.Placement.SlotId)];
    }
}
