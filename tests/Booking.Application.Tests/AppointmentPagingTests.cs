using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Privacy;
using Booking.Application.Schedules;
using Booking.Application.Search;
using Booking.Domain.Practitioners;

namespace Booking.Application.Tests;

/// <summary>My appointments and the agenda, a page at a time: by start then id, opening only the page's appointments.</summary>
public sealed class AppointmentPagingTests : IDisposable
{
    private static readonly Caller Me = BookingWorld.Patient("me");

    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task MyAppointmentsComeSoonestFirstInPagesThatOpenOnlyTheirOwn()
    {
        var (_, slots) = await PractitionerAsync();
        var booked = new List<string>();
        foreach (var i in new[] { 3, 0, 4, 1, 2 })
        {
            booked.Add(await BookAsync(Me, slots[i], $"k{i}"));
        }

        var first = await MineAsync(Me, new PageRequest("2", null));
        Assert.Equal(2, await LoggedAsync("me", AccessPurpose.PatientListsAppointments));
        var second = await MineAsync(Me, new PageRequest("2", first.Next));
        var third = await MineAsync(Me, new PageRequest("2", second.Next));

        Assert.Equal([booked[1], booked[3], booked[4], booked[0], booked[2]], first.Items.Concat(second.Items).Concat(third.Items).Select(v => v.AppointmentId));
        Assert.Equal([2, 2, 1], new[] { first, second, third }.Select(p => p.Items.Count));
        Assert.Null(third.Next);
        Assert.Equal(5, await LoggedAsync("me", AccessPurpose.PatientListsAppointments));
    }

    [Fact]
    public async Task AppointmentsStartingAtOnceComeByIdEachOnce()
    {
        var (_, slots) = await PractitionerAsync();
        var cancelled = await BookAsync(Me, slots[0], "k1");
        await _world.Get<CancelAppointment>().HandleAsync(Me, cancelled, default);
        var rebooked = await BookAsync(Me, slots[0], "k2");

        var first = await MineAsync(Me, new PageRequest("1", null));
        var second = await MineAsync(Me, new PageRequest("1", first.Next));

        Assert.Equal(new[] { cancelled, rebooked }.Order(StringComparer.Ordinal), first.Items.Concat(second.Items).Select(v => v.AppointmentId));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task AnotherPatientsCursorIsRefusedAndOpensNothing()
    {
        var (_, slots) = await PractitionerAsync();
        await BookAsync(Me, slots[0], "k1");
        await BookAsync(Me, slots[1], "k2");
        var next = (await MineAsync(Me, new PageRequest("1", null))).Next;
        var other = BookingWorld.Patient("other");
        await BookAsync(other, slots[2], "k1");
        await BookAsync(other, slots[3], "k2");

        var refused = await _world.Get<ListMyAppointments>().HandleAsync(other, new PageRequest("1", next), default);
        var tampered = await _world.Get<ListMyAppointments>().HandleAsync(Me, new PageRequest("1", next![..^1] + (next[^1] == 'A' ? 'Q' : 'A')), default);

        Assert.Equal(
            ("invalid-cursor", "The cursor was not issued by this list for this query. Start again without a cursor."),
            (refused.Failure?.Code, refused.Failure?.Detail));
        var error = Assert.Single(refused.Failure!.Errors!);
        Assert.Equal(("cursor", "invalid-cursor", "cursor is not a cursor of this list for this query."), (error.Field, error.Code, error.Message));
        Assert.Equal("invalid-cursor", tampered.Failure?.Code);
        Assert.Equal(0, await LoggedAsync("other", AccessPurpose.PatientListsAppointments));
        Assert.Equal(1, await LoggedAsync("me", AccessPurpose.PatientListsAppointments));
    }

    [Fact]
    public async Task MyAppointmentsRefuseALimitOverFifty()
    {
        var outcome = await _world.Get<ListMyAppointments>().HandleAsync(Me, new PageRequest("51", null), default);

        var error = Assert.Single(outcome.Failure!.Errors!);
        Assert.Equal(("limit", "out-of-range", "limit must be a whole number from 1 to 50."), (error.Field, error.Code, error.Message));
    }

    [Fact]
    public async Task TheAgendaComesByStartInPagesThatOpenOnlyTheirOwn()
    {
        var (practitioner, slots) = await PractitionerAsync();
        var ids = new List<string>();
        foreach (var i in new[] { 2, 0, 1 })
        {
            ids.Add(await BookAsync(BookingWorld.Patient($"p{i}"), slots[i], "k"));
        }

        var caller = new Caller("prac", Role.Practitioner, practitioner.Id);
        var date = slots[0].Placement.Date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = await AgendaAsync(caller, practitioner.Id, date, new PageRequest("2", null));
        Assert.Equal(0, await LoggedAsync("p2", AccessPurpose.PractitionerAgenda));
        var second = await AgendaAsync(caller, practitioner.Id, date, new PageRequest("2", first.Next));

        Assert.Equal([ids[1], ids[2], ids[0]], first.Appointments.Concat(second.Appointments).Select(v => v.AppointmentId));
        Assert.Null(second.Next);
        Assert.Equal(1, await LoggedAsync("p2", AccessPurpose.PractitionerAgenda));
    }

    [Fact]
    public async Task AnAgendaCursorIsRefusedForAnotherDayOrCallerAndOpensNothing()
    {
        var (practitioner, slots) = await PractitionerAsync();
        await BookAsync(BookingWorld.Patient("p0"), slots[0], "k");
        await BookAsync(BookingWorld.Patient("p1"), slots[1], "k");
        var caller = new Caller("prac", Role.Practitioner, practitioner.Id);
        var date = slots[0].Placement.Date;
        var next = (await AgendaAsync(caller, practitioner.Id, Iso(date), new PageRequest("1", null))).Next;

        var otherDay = await _world.Get<GetAgenda>().HandleAsync(caller, practitioner.Id, Iso(date.PlusDays(1)), new PageRequest("1", next), default);
        var otherCaller = await _world.Get<GetAgenda>().HandleAsync(BookingWorld.Operator, practitioner.Id, Iso(date), new PageRequest("1", next), default);

        Assert.Equal("invalid-cursor", otherDay.Failure?.Code);
        Assert.Equal("invalid-cursor", otherCaller.Failure?.Code);
        Assert.Equal(0, await LoggedAsync("p1", AccessPurpose.PractitionerAgenda));
    }

    private static string Iso(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Page<AppointmentView>> MineAsync(Caller caller, PageRequest request)
    {
        var outcome = await _world.Get<ListMyAppointments>().HandleAsync(caller, request, default);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }

    private async Task<Agenda> AgendaAsync(Caller caller, string practitionerId, string date, PageRequest request)
    {
        var outcome = await _world.Get<GetAgenda>().HandleAsync(caller, practitionerId, date, request, default);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }

    private async Task<int> LoggedAsync(string patientId, string purpose) =>
        (await _world.Get<IAccessLog>().AboutPatientAsync(patientId, default)).Count(e => e.Purpose == purpose);

    private async Task<string> BookAsync(Caller patient, FreeSlot slot, string key)
    {
        var booked = await _world.BookAsync(patient, slot.Placement.SlotId, key);
        Assert.True(booked.Succeeded, booked.Failure?.Detail);
        return booked.Value.AppointmentId!;
    }

    private async Task<(Practitioner Practitioner, IReadOnlyList<FreeSlot> Slots)> PractitionerAsync()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        return (practitioner, await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02"));
    }
}
