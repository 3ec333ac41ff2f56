using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Domain.Tests.Practitioners;

public sealed class SlotIdsTests
{
    private const string PractitionerId = "practitionerIdAbcdefgh";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly LocalDate Date = new(2026, 3, 29);
    private static readonly SlotTime Slot = new(Instant.FromUtc(2026, 3, 29, 8, 0), Instant.FromUtc(2026, 3, 29, 8, 30));

    [Fact]
    public void GivesTheSameIdGivenTheSameSlotListedTwice()
    {
        Assert.Equal(new SlotIds(PractitionerId, Key).For(Date, Slot), new SlotIds(PractitionerId, [.. Key]).For(Date, Slot));
    }

    [Fact]
    public void KeepsTheIdsOfAKeyFromOneReleaseToTheNext()
    {
        // A listing fetched before a deployment must still book after it: these ids are part of the contract.
        Assert.Equal($"{PractitionerId}.hwGrM_A-.8kcx0aOyl-Oa", new SlotIds(PractitionerId, Key).For(Date, Slot));
    }

    [Fact]
    public void FindsTheDateADayTokenNamesWithinTheRangeAndNothingOutsideItOrForAnotherKey()
    {
        var ids = new SlotIds(PractitionerId, Key);
        var token = SlotId.TryParse(ids.For(Date, Slot))!.DayToken;

        Assert.Equal(Date, ids.DateOf(token, Date.PlusDays(-1), Date.PlusDays(366)));
        Assert.Equal(Date, ids.DateOf(token, Date, Date));
        Assert.Null(ids.DateOf(token, Date.PlusDays(1), Date.PlusDays(30)));
        Assert.Null(new SlotIds(PractitionerId, [.. Key.Reverse()]).DateOf(token, Date.PlusDays(-1), Date.PlusDays(1)));
        Assert.Null(ids.DateOf("not-a-token", Date.PlusDays(-1), Date.PlusDays(1)));
    }

    [Fact]
    public void GivesDifferentIdsGivenDifferentSlotsOfOneDay()
    {
        var ids = new SlotIds(PractitionerId, Key);
        var next = new SlotTime(Slot.End, Slot.End + Duration.FromMinutes(30));

        Assert.NotEqual(ids.For(Date, Slot), ids.For(Date, next));
    }

    [Fact]
    public void GivesDifferentIdsGivenTheSameLocalTimeOnDifferentDates()
    {
        var ids = new SlotIds(PractitionerId, Key);
        var nextDay = new SlotTime(Slot.Start + Duration.FromDays(1), Slot.End + Duration.FromDays(1));

        Assert.NotEqual(SlotId.TryParse(ids.For(Date, Slot))!.DayToken, SlotId.TryParse(ids.For(Date.PlusDays(1), nextDay))!.DayToken);
    }

    [Fact]
    public void GivesDifferentTokensGivenAnotherPractitionerKey()
    {
        var otherKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

        var mine = SlotId.TryParse(new SlotIds(PractitionerId, Key).For(Date, Slot))!;
        var theirs = SlotId.TryParse(new SlotIds(PractitionerId, otherKey).For(Date, Slot))!;

        Assert.NotEqual(mine.DayToken, theirs.DayToken);
        Assert.NotEqual(mine.SlotToken, theirs.SlotToken);
    }

    [Fact]
    public void ParsesBackToItsPartsGivenAnIdItMade()
    {
        var ids = new SlotIds(PractitionerId, Key);
        var id = ids.For(Date, Slot);

        var parsed = SlotId.TryParse(id);

        Assert.NotNull(parsed);
        Assert.Equal(PractitionerId, parsed.PractitionerId);
        Assert.Equal(ids.DayToken(Date), parsed.DayToken);
        Assert.Equal(ids.SlotToken(Slot), parsed.SlotToken);
        Assert.Equal(id, parsed.ToString());
    }

    [Fact]
    public void RevealsNoDateOrTimeGivenAnId()
    {
        var id = new SlotIds(PractitionerId, Key).For(Date, Slot);

        Assert.DoesNotContain("2026", id, StringComparison.Ordinal);
        Assert.DoesNotContain("0329", id, StringComparison.Ordinal);
        Assert.DoesNotContain(Slot.Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), id, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("practitionerIdAbcdefgh.AAAAAAAA")]
    [InlineData("practitionerIdAbcdefgh.AAAAAAAA.AAAAAAAAAAAA.AAAA")]
    [InlineData("practitionerIdAbcdef.AAAAAAAA.AAAAAAAAAAAA")]
    [InlineData("practitionerIdAbcdefgh.AAAAAAA.AAAAAAAAAAAA")]
    [InlineData("practitionerIdAbcdefgh.AAAAAAAA.AAAAAAAAAAA")]
    [InlineData("practitionerIdAbcdefgh.AAAA+AAA.AAAAAAAAAAAA")]
    [InlineData("practitionerIdAbcdefgh.AAAAAAAA.AAAAAAAAAA==")]
    [InlineData("practitioner/dAbcdefgh.AAAAAAAA.AAAAAAAAAAAA")]
    [InlineData("practitionerIdAbcdefgh.AAAAAAAA.AAAAAAAAAAAA ")]
    public void RejectsTheIdGivenMalformed(string? id)
    {
        Assert.Null(SlotId.TryParse(id));
    }

    [Fact]
    public void RejectsTheIdGivenMoreThan64Characters()
    {
        var id = "practitionerIdAbcdefgh.AAAAAAAA." + new string('A', 10_000);

        Assert.True(id.Length > SlotId.MaxLength);
        Assert.Null(SlotId.TryParse(id));
    }

    [Fact]
    public void GivesEachVisitTypeItsOwnIdForOneIntervalAndKeepsTheDefaultTypesId()
    {
        var ids = new SlotIds(PractitionerId, Key);

        var ofDefault = ids.For(Date, Slot);
        var ofFollowUp = ids.For(Date, Slot, "follow-up");
        var ofFirstVisit = ids.For(Date, Slot, "first-visit");

        Assert.Equal(ofDefault, ids.For(Date, Slot, VisitType.DefaultId));
        Assert.Equal(3, new[] { ofDefault, ofFollowUp, ofFirstVisit }.Distinct().Count());
    }

    [Theory]
    [InlineData(VisitType.DefaultId)]
    [InlineData("follow-up")]
    public void GivesTheSameTokensInBulkAsOneByOne(string visitTypeId)
    {
        var ids = new SlotIds(PractitionerId, Key);
        var slots = Enumerable.Range(0, 3)
            .Select(i => new SlotTime(Slot.Start + Duration.FromMinutes(30 * i), Slot.End + Duration.FromMinutes(30 * i)))
            .ToList();

        Assert.Equal(slots.Select(s => ids.SlotToken(s, visitTypeId)), ids.SlotTokens(slots, visitTypeId));
    }
}
