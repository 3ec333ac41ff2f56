using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Search;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>Slot listing, a page at a time within its range: by start, each page reading the days of its own dates.</summary>
public sealed class SlotPagingTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ThirtyOneDaysOfFiveMinuteSlotsComeInPagesOf500AndNextReachesEachSlotOnce()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("00:00", "23:55", slotMinutes: 5, horizon: 40, notice: 0));

        var pages = await AllPagesAsync(new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2027-01-01", PageRequest.First));

        var unpaged = await _world.Get<SlotCatalog>().FreeSlotsAsync(practitioner, new LocalDate(2026, 12, 2), new LocalDate(2027, 1, 1), int.MaxValue, null, default);
        Assert.Equal(31 * 287, unpaged.Count);
        Assert.Equal(unpaged.Select(s => s.Placement.SlotId), pages.SelectMany(p => p.Slots).Select(s => s.Placement.SlotId));
        Assert.Equal((unpaged.Count + 499) / 500, pages.Count);
        Assert.All(pages[..^1], p => Assert.Equal(PageSize.Slots.Default, p.Slots.Count));
        Assert.Null(pages[^1].Next);
    }

    [Fact]
    public async Task APageReadsTheHeldDaysOfItsRangeInOneQuery()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "20:00")); // 24 slots a day
        var query = new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2026-12-08", new PageRequest("24", null));
        var pages = new List<FreeSlotList>();
        var reads = new List<int>();
        do
        {
            var before = _world.Days.Reads;
            pages.Add(await ListAsync(pages.Count == 0 ? query : query with { Page = new PageRequest("24", pages[^1].Next) }));
            reads.Add(_world.Days.Reads - before);
        }
        while (pages[^1].Next is not null);

        // Each page is one local date; it reads the held days from its own date to the range's last in one query.
        Assert.Equal(7, pages.Count);
        Assert.All(pages.Select((p, i) => (p, i)), x => Assert.All(x.p.Slots, s => Assert.Equal(new LocalDate(2026, 12, 2 + x.i), s.Placement.Date)));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], reads);
    }

    [Fact]
    public async Task ASlotBookedBetweenTwoPagesIsLeftOutAndNoSlotComesTwice()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "20:00"));
        var all = await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02");
        var query = new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2026-12-02", new PageRequest("5", null));

        var first = await ListAsync(query);
        Assert.True((await _world.BookAsync(BookingWorld.Patient(), all[6].Placement.SlotId)).Succeeded);
        var second = await ListAsync(query with { Page = new PageRequest("5", first.Next) });

        Assert.Equal(all.Take(5).Select(s => s.Placement.SlotId), first.Slots.Select(s => s.Placement.SlotId));
        Assert.Equal(new[] { 5, 7, 8, 9, 10 }.Select(i => all[i].Placement.SlotId), second.Slots.Select(s => s.Placement.SlotId));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public async Task ALimitOutOfRangeIsRefusedNamingLimit(string limit)
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "20:00"));

        var outcome = await _world.Get<ListFreeSlots>().HandleAsync(new ListFreeSlotsQuery(practitioner.Id, null, null, new PageRequest(limit, null)), default);

        Assert.Equal("limit", Assert.Single(outcome.Failure!.Errors!).Field);
    }

    [Fact]
    public async Task ACursorIsRefusedForAnotherPractitionerOrRange()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "20:00"));
        var other = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "20:00"));
        var next = (await ListAsync(new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2026-12-08", new PageRequest("1000", null)))).Next;
        Assert.Null(next); // 7 × 24 slots: one page of the largest size
        next = (await ListAsync(new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2026-12-08", new PageRequest("3", null)))).Next;

        foreach (var query in new[]
        {
            new ListFreeSlotsQuery(other.Id, "2026-12-02", "2026-12-08", new PageRequest("3", next)),
            new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2026-12-09", new PageRequest("3", next)),
            new ListFreeSlotsQuery(practitioner.Id, null, "2026-12-08", new PageRequest("3", next)),
            new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2026-12-08", new PageRequest("3", next![..^2])),
        })
        {
            var refused = await _world.Get<ListFreeSlots>().HandleAsync(query, default);
            Assert.Equal("invalid-cursor", refused.Failure?.Code);
            Assert.Equal(FailureKind.Validation, refused.Failure!.Kind);
        }

        Assert.Equal(3, (await ListAsync(new ListFreeSlotsQuery(practitioner.Id, "2026-12-02", "2026-12-08", new PageRequest("3", next)))).Slots.Count);
    }

    private async Task<FreeSlotList> ListAsync(ListFreeSlotsQuery query)
    {
        var outcome = await _world.Get<ListFreeSlots>().HandleAsync(query, default);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }

    private async Task<List<FreeSlotList>> AllPagesAsync(ListFreeSlotsQuery query)
    {
        var pages = new List<FreeSlotList> { await ListAsync(query) };
        while (pages[^1].Next is { } next)
        {
            Assert.True(pages.Count <= 100, "the pages never end");
            pages.Add(await ListAsync(query with { Page = new PageRequest(null, next) }));
        }

        return pages;
    }
}
