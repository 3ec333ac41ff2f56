using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Tests;

public sealed class VisitTypeTests : IDisposable
{
    // Tuesday 1 December 2026, 08:00 in Paris.
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ListsEachTypesOwnLengthAndRangesGivenTwoTypes()
    {
        var practitioner = await _world.PractitionerAsync(TwoTypes());

        var shortSlots = await ListAsync(practitioner, "short");
        var longSlots = await ListAsync(practitioner, "long");

        Assert.All(shortSlots, s => Assert.Equal(Duration.FromMinutes(15), s.Placement.Time.End - s.Placement.Time.Start));
        Assert.All(longSlots, s => Assert.Equal(Duration.FromMinutes(30), s.Placement.Time.End - s.Placement.Time.Start));
        Assert.All(longSlots, s => Assert.InRange(s.Placement.Time.Start.InZone(practitioner.Schedule!.Zone).Hour, 10, 11));
        Assert.Empty(shortSlots.Select(s => s.Placement.SlotId).Intersect(longSlots.Select(s => s.Placement.SlotId)));
    }

    [Fact]
    public async Task ListsTheFirstTypeGivenNoVisitType()
    {
        var practitioner = await _world.PractitionerAsync(TwoTypes());

        Assert.Equal(
            (await ListAsync(practitioner, "short")).Select(s => s.Placement.SlotId),
            (await ListAsync(practitioner, null)).Select(s => s.Placement.SlotId));
    }

    [Fact]
    public async Task KeepsTheSlotIdsOfASchedulePublishedBeforeVisitTypes()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("09:00", "12:00"));
        var slot = (await ListAsync(practitioner, null))[0].Placement;

        Assert.Equal(practitioner.SlotIds.For(slot.Date, slot.Time), slot.SlotId);
        Assert.Null(slot.VisitTypeId);
    }

    [Fact]
    public async Task TakesTheOverlappingSlotsOfTheOtherTypeGivenABookedLongSlot()
    {
        var practitioner = await _world.PractitionerAsync(TwoTypes());
        var longSlot = (await ListAsync(practitioner, "long"))[0];

        Assert.True((await BookAsync(BookingWorld.Patient(), longSlot.Placement.SlotId, "long")).Succeeded);

        var shortFree = await ListAsync(practitioner, "short");
        Assert.DoesNotContain(shortFree, s => s.Placement.Time.Overlaps(longSlot.Placement.Time));
        Assert.Contains(shortFree, s => s.Placement.Date == longSlot.Placement.Date);
    }

    [Fact]
    public async Task RefusesALongSlotGivenABookedShortSlotInsideIt()
    {
        var practitioner = await _world.PractitionerAsync(TwoTypes());
        var longSlot = (await ListAsync(practitioner, "long"))[0];
        var inside = (await ListAsync(practitioner, "short")).First(s => s.Placement.Time.Overlaps(longSlot.Placement.Time));
        Assert.True((await BookAsync(BookingWorld.Patient("a"), inside.Placement.SlotId, null)).Succeeded);

        var refused = await BookAsync(BookingWorld.Patient("b"), longSlot.Placement.SlotId, "long");

        Assert.Equal("slot-taken", refused.Failure?.Code);
    }

    [Fact]
    public async Task RefusesANewPatientGivenATypeForKnownPatientsOnly()
    {
        var practitioner = await _world.PractitionerAsync(TwoTypes(followUpOnly: true));
        var followUp = await ListAsync(practitioner, "long");

        var refused = (await BookAsync(BookingWorld.Patient(), followUp[0].Placement.SlotId, "long", "key-0")).Failure;
        Assert.Equal(
            ("not-eligible", "This visit type is for patients this practitioner has already seen. Choose another visit type."),
            (refused?.Code, refused?.Detail));

        var first = (await ListAsync(practitioner, "short"))[0];
        Assert.True((await BookAsync(BookingWorld.Patient(), first.Placement.SlotId, null)).Succeeded);
        var later = followUp.First(s => s.Placement.Time.Start > first.Placement.Time.End);
        Assert.True((await BookAsync(BookingWorld.Patient(), later.Placement.SlotId, "long", "key-2")).Succeeded);
    }

    [Fact]
    public async Task RefusesASecondAppointmentCloserThanTheMinimumDays()
    {
        var practitioner = await _world.PractitionerAsync(TwoTypes() with { MinDaysBetweenAppointments = 6 });
        var slots = await ListAsync(practitioner, "short", to: "2026-12-20");
        Assert.True((await BookAsync(BookingWorld.Patient(), slots[0].Placement.SlotId, null)).Succeeded);

        var close = slots.First(s => s.Placement.Date == slots[0].Placement.Date.PlusDays(5));
        var far = slots.First(s => s.Placement.Date == slots[0].Placement.Date.PlusDays(6));

        var refused = (await BookAsync(BookingWorld.Patient(), close.Placement.SlotId, null, "key-2")).Failure;
        Assert.Equal(
            ("too-close", "This practitioner sees a patient at most once every 6 days; another appointment is too close to this one."),
            (refused?.Code, refused?.Detail));
        Assert.True((await BookAsync(BookingWorld.Patient("other"), close.Placement.SlotId, null, "key-2")).Succeeded);
        Assert.True((await BookAsync(BookingWorld.Patient(), far.Placement.SlotId, null, "key-3")).Succeeded);
    }

    [Fact]
    public async Task RefusesAPatientATypeNotBookableOnlineAndDoesNotShowIt()
    {
        var draft = TwoTypes();
        var hidden = draft with { VisitTypes = [draft.VisitTypes![0], draft.VisitTypes[1]! with { BookableOnline = false }] };
        var practitioner = await _world.PractitionerAsync(hidden);

        var listed = await _world.Get<ListFreeSlots>().HandleAsync(new ListFreeSlotsQuery(practitioner.Id, null, null, new PageRequest(null, null), "long"), default);
        var view = await _world.Get<GetPractitioner>().HandleAsync(practitioner.Id, default);

        Assert.Equal("visitType", Assert.Single(listed.Failure!.Errors!).Field);
        Assert.Equal(["short"], view.Value!.VisitTypes.Select(t => t.VisitTypeId));
    }

    [Theory]
    [InlineData("Bad_Id", 30, "visitTypes[1].visitTypeId")]
    [InlineData("short", 30, "visitTypes[1].visitTypeId")]
    [InlineData("long", 4, "visitTypes[1].minutes")]
    [InlineData("long", 481, "visitTypes[1].minutes")]
    public async Task NamesTheFieldGivenAnInvalidVisitType(string id, int minutes, string field)
    {
        var draft = TwoTypes();
        var invalid = draft with { VisitTypes = [draft.VisitTypes![0], draft.VisitTypes[1]! with { VisitTypeId = id, Minutes = minutes }] };

        var result = ScheduleParser.Parse(invalid);

        Assert.Contains(result.Errors, e => e.Field == field);
        await Task.CompletedTask;
    }

    [Fact]
    public void NamesTheRangeGivenATypeRangeOutsideTheOpeningHours()
    {
        var draft = TwoTypes();
        var outside = draft with { VisitTypes = [draft.VisitTypes![0], draft.VisitTypes[1]! with { Weekly = [new ScheduleDraft.Opening("monday", "11:00", "13:00")] }] };

        Assert.Contains(ScheduleParser.Parse(outside).Errors, e => e.Field == "visitTypes[1].weekly[0]");
    }

    private static ScheduleDraft TwoTypes(bool followUpOnly = false)
    {
        var everyDay = BookingWorld.EveryDay("09:00", "12:00");
        var tenToTwelve = everyDay.Weekly!.Select(o => new ScheduleDraft.Opening(o!.Day, "10:00", "12:00")).ToList<ScheduleDraft.Opening?>();
        return everyDay with
        {
            SlotMinutes = null,
            VisitTypes =
            [
                new ScheduleDraft.VisitTypeDraft("short", "Short visit", 15, null, null, null, null),
                new ScheduleDraft.VisitTypeDraft("long", "Follow-up", 30, true, !followUpOnly, "Bring your results.", tenToTwelve),
            ],
        };
    }

    private async Task<IReadOnlyList<FreeSlot>> ListAsync(Practitioner practitioner, string? visitType, string? to = null)
    {
        var listed = await _world.Get<ListFreeSlots>().HandleAsync(
            new ListFreeSlotsQuery(practitioner.Id, null, to, new PageRequest("1000", null), visitType), default);
        Assert.True(listed.Succeeded, listed.Failure?.Detail);
        return listed.Value.Slots;
    }

    private async Task<Outcome<BookingReceipt>> BookAsync(Caller patient, string slotId, string? visitTypeId, string key = "key-1")
    {
        var booked = await _world.Get<BookAppointment>().HandleAsync(patient, key, new BookAppointmentCommand(
            slotId, new PatientInput("Zoé", "Martin", "zoe@example.org", "+33612345678", "1990-01-01"), null, new ConsentInput(true, true), visitTypeId), default);
        await _world.WhenFiledAsync(); // the visit rules read the patient's filed appointments
        return booked;
    }
}
