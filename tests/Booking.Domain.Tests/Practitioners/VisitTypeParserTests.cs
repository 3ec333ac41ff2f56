using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;
using static Booking.Domain.Practitioners.ScheduleDraft;

namespace Booking.Domain.Tests.Practitioners;

/// <summary>The visitTypes of a published schedule, as a practitioner's client sends them (through ScheduleParser).</summary>
public sealed class VisitTypeParserTests
{
    private static readonly Opening[] MondayMorningAndAfternoon =
        [new("monday", "09:00", "12:00"), new("monday", "14:00", "18:00")];

    [Fact]
    public void KeepsEachTypeAsWrittenGivenValidTypes()
    {
        var schedule = Parsed(
            Type("first-visit", "First visit", 45, bookableOnline: false, newPatients: true, instructions: "  Bring your X-rays.  "),
            Type("follow-up", "Follow-up", 15, newPatients: false, weekly: [new("monday", "14:00", "16:00")]));

        Assert.Equal(
            [
                new VisitType("first-visit", "First visit", 45, false, true, "Bring your X-rays.", null),
                new VisitType("follow-up", "Follow-up", 15, true, false, null, [new OpeningHours(IsoDayOfWeek.Monday, Range(14, 0, 16, 0))]),
            ],
            schedule.VisitTypes!,
            new VisitTypeComparer());
    }

    [Fact]
    public void OffersTheTypeOnlineAndToNewPatientsGivenNeitherIsSaid()
    {
        var type = Assert.Single(Parsed(Type("check-up", "Check-up", 20)).VisitTypes!);

        Assert.True(type.BookableOnline);
        Assert.True(type.NewPatients);
        Assert.Null(type.Instructions);
        Assert.Null(type.Weekly);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void StoresNoInstructionsGivenBlankInstructions(string instructions)
    {
        var type = Assert.Single(Parsed(Type("check-up", "Check-up", 20, instructions: instructions)).VisitTypes!);

        Assert.Null(type.Instructions);
    }

    [Fact]
    public void CutsSlotsOfTheFirstTypesLengthGivenTypesAndNoSlotMinutes()
    {
        var schedule = Parsed(Draft(Type("long", "Long", 40), Type("short", "Short", 10)) with { SlotMinutes = null });

        Assert.Equal(40, schedule.SlotMinutes);
    }

    [Fact]
    public void KeepsTheGivenSlotMinutesGivenTypesToo()
    {
        var schedule = Parsed(Draft(Type("long", "Long", 40)) with { SlotMinutes = 30 });

        Assert.Equal(30, schedule.SlotMinutes);
    }

    [Fact]
    public void AcceptsExactlyTheMaximumNumberOfTypesAndRefusesOneMore()
    {
        var twenty = Enumerable.Range(0, VisitType.MaxTypes).Select(i => Type($"type-{i}", $"Type {i}", 15)).ToArray();

        Assert.Equal(20, Parsed(twenty).VisitTypes!.Count);
        AssertRefused(
            Draft([.. twenty, Type("type-20", "Type 20", 15)]),
            "visitTypes", "too-many", "visitTypes may hold at most 20 entries.");
    }

    [Fact]
    public void RefusesANullEntryNamingItsIndex()
    {
        AssertRefused(Draft(Type("a", "A", 15), null), "visitTypes[1]", "required", "visitTypes[1] must be an object.");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("az09-")]
    [InlineData("first-visit-2")]
    public void AcceptsTheIdGivenLowercaseLettersDigitsAndHyphens(string id)
    {
        Assert.Equal(id, Assert.Single(Parsed(Type(id, "Visit", 15)).VisitTypes!).VisitTypeId);
    }

    [Fact]
    public void AcceptsAnIdOfExactly64CharactersAndRefusesALongerOne()
    {
        var longest = new string('a', VisitType.MaxIdLength);

        Assert.Equal(longest, Assert.Single(Parsed(Type(longest, "Visit", 15)).VisitTypes!).VisitTypeId);
        AssertRefused(
            Draft(Type(longest + "a", "Visit", 15)),
            "visitTypes[0].visitTypeId", "invalid-visit-type-id", "visitTypes[0].visitTypeId must be 1 to 64 characters a-z, 0-9 or -.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("First")]
    [InlineData("first_visit")]
    [InlineData("first visit")]
    [InlineData("a`")]
    [InlineData("a{")]
    [InlineData("a/")]
    [InlineData("a:")]
    [InlineData("é")]
    public void RefusesTheIdGivenAnotherCharacter(string id)
    {
        AssertRefused(
            Draft(Type(id, "Visit", 15)),
            "visitTypes[0].visitTypeId", "invalid-visit-type-id", "visitTypes[0].visitTypeId must be 1 to 64 characters a-z, 0-9 or -.");
    }

    [Fact]
    public void RequiresTheIdGivenNone()
    {
        AssertRefused(
            Draft(Type(null, "Visit", 15)),
            "visitTypes[0].visitTypeId", "required", "visitTypes[0].visitTypeId must be 1 to 64 characters a-z, 0-9 or -.");
    }

    [Fact]
    public void RefusesTheSecondTypeGivenTheIdOfTheFirst()
    {
        AssertRefused(
            Draft(Type("check-up", "Check-up", 15), Type("other", "Other", 15), Type("check-up", "Check-up again", 30)),
            "visitTypes[2].visitTypeId", "duplicate", "visitTypes[2].visitTypeId check-up is used by another visit type.");
    }

    [Fact]
    public void RequiresTheNameGivenNone()
    {
        AssertRefused(Draft(Type("a", null, 15)), "visitTypes[0].name", "required", "visitTypes[0].name is required.");
    }

    [Fact]
    public void AcceptsANameOf120CharactersAndRefusesALongerOne()
    {
        var longest = new string('n', VisitType.MaxNameLength);

        Assert.Equal(longest, Assert.Single(Parsed(Type("a", longest, 15)).VisitTypes!).Name);
        AssertRefused(Draft(Type("a", longest + "n", 15)), "visitTypes[0].name", "too-long", "visitTypes[0].name must be at most 120 characters.");
    }

    [Fact]
    public void AcceptsInstructionsOf1000CharactersAndRefusesLongerOnes()
    {
        var longest = new string('i', VisitType.MaxInstructionsLength);

        Assert.Equal(longest, Assert.Single(Parsed(Type("a", "A", 15, instructions: longest)).VisitTypes!).Instructions);
        AssertRefused(
            Draft(Type("a", "A", 15, instructions: longest + "i")),
            "visitTypes[0].instructions", "too-long", "visitTypes[0].instructions must be at most 1000 characters.");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(480)]
    public void AcceptsTheMinutesGivenTheLimits(int minutes)
    {
        Assert.Equal(minutes, Assert.Single(Parsed(Type("a", "A", minutes)).VisitTypes!).Minutes);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(481)]
    public void RefusesTheMinutesGivenOutsideTheLimits(int minutes)
    {
        AssertRefused(Draft(Type("a", "A", minutes)), "visitTypes[0].minutes", "out-of-range", "visitTypes[0].minutes must be between 5 and 480.");
    }

    [Fact]
    public void RequiresTheMinutesGivenNone()
    {
        AssertRefused(Draft(Type("a", "A", null)), "visitTypes[0].minutes", "required", "visitTypes[0].minutes is required.");
    }

    [Theory]
    [InlineData("monday", "09:00", "12:00")]
    [InlineData("monday", "14:00", "18:00")]
    [InlineData("Monday", "15:00", "16:30")]
    public void AcceptsTheRangeGivenItLiesInsideOneOpeningOfItsDay(string day, string start, string end)
    {
        var type = Assert.Single(Parsed(Type("a", "A", 15, weekly: [new(day, start, end)])).VisitTypes!);

        Assert.Single(type.Weekly!);
    }

    [Theory]
    [InlineData("tuesday", "09:00", "12:00")]
    [InlineData("monday", "08:59", "12:00")]
    [InlineData("monday", "09:00", "12:01")]
    [InlineData("monday", "11:00", "15:00")]
    public void RefusesTheRangeGivenItLeavesTheOpeningHours(string day, string start, string end)
    {
        AssertRefused(
            Draft(Type("a", "A", 15, weekly: [new("monday", "16:00", "17:00"), new(day, start, end)])),
            "visitTypes[0].weekly[1]", "outside-opening-hours", "visitTypes[0].weekly[1] must lie inside one range of weekly on the same day.");
    }

    [Fact]
    public void NamesTheTypesRangeGivenAnInvalidTime()
    {
        AssertRefused(
            Draft(Type("a", "A", 15, weekly: [new("monday", "9h", "10:00")])),
            "visitTypes[0].weekly[0].start", "invalid-time", "visitTypes[0].weekly[0].start must be a time HH:mm.");
    }

    [Fact]
    public void ReportsEveryInvalidFieldOfEveryTypeGivenSeveralErrors()
    {
        var result = ScheduleParser.Parse(Draft(Type("A", null, 500), null, Type("ok", "Fine", 15)));

        Assert.Equal(
            ["visitTypes[0].minutes", "visitTypes[0].name", "visitTypes[0].visitTypeId", "visitTypes[1]"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OffersOneDefaultTypeOnlineAndToNewPatientsGivenNoVisitTypes()
    {
        var schedule = Parsed(Draft() with { VisitTypes = null });

        Assert.Null(schedule.VisitTypes);
        var type = Assert.Single(schedule.Types);
        Assert.Equal(("default", "Consultation", 30, true, true), (type.VisitTypeId, type.Name, type.Minutes, type.BookableOnline, type.NewPatients));
    }

    [Fact]
    public void StoresNoTypesGivenAnEmptyListOfTypes()
    {
        // Stored like a schedule published before visit types existed: its slot ids stay those of the default type.
        Assert.Null(Parsed(Draft() with { SlotMinutes = 30 }).VisitTypes);
    }

    [Fact]
    public void RequiresSlotMinutesGivenAnEmptyListOfTypes()
    {
        AssertRefused(Draft() with { SlotMinutes = null }, "slotMinutes", "required", "slotMinutes is required.");
    }

    private static WeeklySchedule Parsed(params VisitTypeDraft?[] types) => Parsed(Draft(types));

    private static WeeklySchedule Parsed(ScheduleDraft draft)
    {
        var result = ScheduleParser.Parse(draft);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    private static ScheduleDraft Draft(params VisitTypeDraft?[] types) =>
        new("Europe/Paris", 30, MondayMorningAndAfternoon, null, null, null, types);

    private static VisitTypeDraft Type(
        string? id, string? name, int? minutes, bool? bookableOnline = null, bool? newPatients = null, string? instructions = null,
        Opening?[]? weekly = null) =>
        new(id, name, minutes, bookableOnline, newPatients, instructions, weekly);

    private static LocalTimeRange Range(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute));

    private static void AssertRefused(ScheduleDraft draft, string field, string code, string message)
    {
        var result = ScheduleParser.Parse(draft);

        Assert.False(result.IsSuccess);
        Assert.Equal([new DomainError(code, message, field)], result.Errors);
    }

    // Records compare lists by reference: compare the weekly ranges by content.
    private sealed class VisitTypeComparer : IEqualityComparer<VisitType>
    {
        public bool Equals(VisitType? x, VisitType? y) =>
            x is not null && y is not null
            && x with { Weekly = null } == y with { Weekly = null }
            && (x.Weekly ?? []).SequenceEqual(y.Weekly ?? []);

        public int GetHashCode(VisitType obj) => obj.VisitTypeId.GetHashCode(StringComparison.Ordinal);
    }
}
