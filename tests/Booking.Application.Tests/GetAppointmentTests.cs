using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Application.Tests;

public sealed class GetAppointmentTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ShowsItsPatientTheDetailsAndLogsThePatientsRead()
    {
        var (_, id) = await BookedAsync();

        var read = await Get(BookingWorld.Patient(), id);

        Assert.True(read.Succeeded);
        Assert.Equal("Zoé", read.Value.Patient!.FirstName);
        var entry = Assert.Single(await AccessLogAsync());
        Assert.Equal(("patient:patient-1", "patient", AccessPurpose.PatientViewsAppointment), (entry.Principal, entry.Role, entry.Purpose));
    }

    [Fact]
    public async Task AnswersAnotherPatientExactlyAsForAMissingIdAndLogsNothing()
    {
        var (_, id) = await BookedAsync();

        var someoneElses = await Get(BookingWorld.Patient("intruder"), id);
        var missing = await Get(BookingWorld.Patient("intruder"), OpaqueId.New());

        Assert.Equal(FailureKind.NotFound, someoneElses.Failure?.Kind);
        Assert.Equal(missing.Failure, someoneElses.Failure);
        Assert.Empty(await AccessLogAsync());
    }

    [Fact]
    public async Task ShowsItsPractitionerTheAppointmentAndHidesItFromAnotherPractitioner()
    {
        var (practitioner, id) = await BookedAsync();

        var own = await Get(new Caller("dr-own", Role.Practitioner, practitioner.Id), id);
        var other = await Get(new Caller("dr-other", Role.Practitioner, OpaqueId.New()), id);

        Assert.Equal("Zoé", own.Value?.Patient?.FirstName);
        Assert.Equal(FailureKind.NotFound, other.Failure?.Kind);
        var entry = Assert.Single(await AccessLogAsync());
        Assert.Equal(("practitioner:" + practitioner.Id, AccessPurpose.PractitionerViewsAppointment), (entry.Principal, entry.Purpose));
    }

    [Fact]
    public async Task ShowsAnOperatorTheAppointmentAndLogsTheOperatorsPurpose()
    {
        var (_, id) = await BookedAsync();

        var read = await Get(BookingWorld.Operator, id);

        Assert.Equal("Zoé", read.Value?.Patient?.FirstName);
        var entry = Assert.Single(await AccessLogAsync());
        Assert.Equal(("operator:ops", "operator", AccessPurpose.OperatorViewsAppointment), (entry.Principal, entry.Role, entry.Purpose));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaa")]
    public async Task AnswersNotFoundGivenAMalformedId(string id)
    {
        await BookedAsync();

        var read = await Get(BookingWorld.Operator, id);

        Assert.Equal(FailureKind.NotFound, read.Failure?.Kind);
    }

    [Fact]
    public async Task ShowsTheTimesInThePractitionersZoneAndTheConsentAsGiven()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02"))[0];
        var booked = await _world.Get<BookAppointment>().HandleAsync(BookingWorld.Patient(), "k", new BookAppointmentCommand(
            slot.Placement.SlotId, new PatientInput("Zoé", "Martin", "zoe@example.org", "0612345678", "1990-01-01"), "Back pain", new ConsentInput(true, false)), default);

        var view = (await Get(BookingWorld.Patient(), booked.Value!.AppointmentId!)).Value!;

        Assert.Equal(new NodaTime.OffsetDateTime(new NodaTime.LocalDateTime(2026, 12, 2, 8, 0), NodaTime.Offset.FromHours(1)), view.Start);
        Assert.Equal(view.Start.PlusMinutes(30), view.End);
        Assert.Equal(practitioner.Id, view.PractitionerId);
        Assert.Equal("Back pain", view.Reason);
        Assert.Equal("+33612345678", view.Patient!.Phone);
        Assert.Equal(new Domain.Patients.Consent(Email: true, Sms: false), view.Consent);
        Assert.Equal((booked.Value.Start, booked.Value.End), (view.Start, view.End));
    }

    [Fact]
    public async Task LogsEveryFieldItOpensTheReasonIncludedWhenThereIsOne()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0];
        var booked = await _world.Get<BookAppointment>().HandleAsync(BookingWorld.Patient(), "k", new BookAppointmentCommand(
            slot.Placement.SlotId, new PatientInput("Zoé", "Martin", "zoe@example.org", "0612345678", "1990-01-01"), "Back pain", new ConsentInput(true, true)), default);

        await Get(BookingWorld.Patient(), booked.Value!.AppointmentId!);

        Assert.Equal(PersonalDataDoor.AllFields, Assert.Single(await AccessLogAsync()).Fields);
    }

    private Task<Outcome<AppointmentView>> Get(Caller caller, string id) => _world.Get<GetAppointment>().HandleAsync(caller, id, default);

    private Task<IReadOnlyList<AccessLogEntry>> AccessLogAsync() => _world.Get<IAccessLog>().AboutPatientAsync("patient-1", default);

    private async Task<(Practitioner Practitioner, string AppointmentId)> BookedAsync()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var booked = await _world.BookAsync(BookingWorld.Patient(), (await _world.SlotsAsync(practitioner))[0].Placement.SlotId);
        return (practitioner, booked.Value!.AppointmentId!);
    }
}
