using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Practitioners;
using Booking.Application.Schedules;
using Booking.Application.Search;

namespace Booking.Application.Tests;

/// <summary>Search, a page at a time: by display name then id, reading only the practitioners of its page.</summary>
public sealed class SearchPagingTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ACityOf1000ComesInPagesOf20AndFollowingNextReachesEachPractitionerOnceByName()
    {
        var registered = new List<PractitionerView>();
        foreach (var n in Enumerable.Range(0, 1000).OrderBy(n => (n * 7919) % 1000))
        {
            // Every tenth name is shared, so ties fall back on the id.
            registered.Add(await RegisterAsync($"Dr {(n % 10 == 0 ? n / 100 : n):D4}", "Nantes"));
        }

        var pages = await AllPagesAsync(new SearchPractitionersQuery("nantes", null, "2026-12-02", "1", PageRequest.First));

        Assert.Equal(50, pages.Count);
        Assert.All(pages, p => Assert.Equal(20, p.Items.Count));
        Assert.All(pages[..^1], p => Assert.NotNull(p.Next));
        Assert.Null(pages[^1].Next);
        var expected = registered.OrderBy(p => p.DisplayName, StringComparer.Ordinal).ThenBy(p => p.PractitionerId, StringComparer.Ordinal).Select(p => p.PractitionerId);
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(h => h.Practitioner.PractitionerId));
    }

    [Fact]
    public async Task APageReadsTheDirectoryOnceAndThenOnlyItsOwnPractitionersAndTheirDays()
    {
        for (var i = 0; i < 25; i++)
        {
            await PublishedAsync(await RegisterAsync($"Dr {i:D2}", "Brest"));
        }

        var (directory, profiles, days) = (_world.Directory.Reads, _world.Practitioners.Reads, _world.Days.Reads);
        var first = await SearchAsync(new SearchPractitionersQuery("Brest", null, "2026-12-02", null, PageRequest.First));
        Assert.Equal((1, 20, 20), (_world.Directory.Reads - directory, _world.Practitioners.Reads - profiles, _world.Days.Reads - days));

        (directory, profiles, days) = (_world.Directory.Reads, _world.Practitioners.Reads, _world.Days.Reads);
        var second = await SearchAsync(new SearchPractitionersQuery("Brest", null, "2026-12-02", null, new PageRequest(null, first.Next)));
        Assert.Equal((1, 5, 5), (_world.Directory.Reads - directory, _world.Practitioners.Reads - profiles, _world.Days.Reads - days));

        Assert.All(first.Items.Concat(second.Items), h => Assert.Equal(SearchPractitioners.SlotsPerPractitioner, h.FirstFreeSlots.Count));
        Assert.Null(second.Next);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(" 5")]
    [InlineData("99999999999")]
    public async Task ALimitOutOfRangeOrNotAWholeNumberIsRefusedNamingLimit(string limit)
    {
        var outcome = await _world.Get<SearchPractitioners>().HandleAsync(new SearchPractitionersQuery("Paris", null, null, null, new PageRequest(limit, null)), default);

        Assert.Equal("validation", outcome.Failure?.Code);
        Assert.Equal("limit", Assert.Single(outcome.Failure!.Errors!).Field);
    }

    [Fact]
    public async Task TheLimitSizesThePageFromOneToFifty()
    {
        for (var i = 0; i < 51; i++)
        {
            await RegisterAsync($"Dr {i:D2}", "Paris");
        }

        Assert.Single((await SearchAsync(new SearchPractitionersQuery("Paris", null, null, null, new PageRequest("1", null)))).Items);
        Assert.Equal(50, (await SearchAsync(new SearchPractitionersQuery("Paris", null, null, null, new PageRequest("50", null)))).Items.Count);
        Assert.Equal(20, (await SearchAsync(new SearchPractitionersQuery("Paris", null, null, null, PageRequest.First))).Items.Count);
    }

    [Fact]
    public async Task ACursorIsRefusedForAnotherCitySpecialtyOrWindowAndAcceptedWhateverTheCaseAndAccents()
    {
        await RegisterAsync("Dr A", "Évry");
        await RegisterAsync("Dr B", "Évry");
        await RegisterAsync("Dr C", "Lyon");
        await RegisterAsync("Dr D", "Lyon");
        var next = (await SearchAsync(new SearchPractitionersQuery("Évry", null, null, null, new PageRequest("1", null)))).Next;

        foreach (var other in new[]
        {
            new SearchPractitionersQuery("Lyon", null, null, null, new PageRequest("1", next)),
            new SearchPractitionersQuery("Évry", "Psychiatrie", null, null, new PageRequest("1", next)),
            new SearchPractitionersQuery("Évry", null, "2026-12-02", null, new PageRequest("1", next)),
            new SearchPractitionersQuery("Évry", null, null, "3", new PageRequest("1", next)),
        })
        {
            var refused = await _world.Get<SearchPractitioners>().HandleAsync(other, default);
            Assert.Equal("invalid-cursor", refused.Failure?.Code);
            Assert.Equal(FailureKind.Validation, refused.Failure!.Kind);
            Assert.Equal("cursor", Assert.Single(refused.Failure.Errors!).Field);
        }

        var continued = await SearchAsync(new SearchPractitionersQuery("EVRY", null, null, null, new PageRequest("5", next)));
        Assert.Equal("Dr B", Assert.Single(continued.Items).Practitioner.DisplayName);
    }

    [Fact]
    public async Task ATamperedCursorIsRefusedBeforeTheDirectoryIsRead()
    {
        await RegisterAsync("Dr A", "Évry");
        await RegisterAsync("Dr B", "Évry");
        var next = (await SearchAsync(new SearchPractitionersQuery("Évry", null, null, null, new PageRequest("1", null)))).Next!;
        var reads = _world.Directory.Reads;

        foreach (var tampered in new[] { next[..^1], next[1..], (next[0] == 'A' ? "B" : "A") + next[1..], next + "A", "" })
        {
            var refused = await _world.Get<SearchPractitioners>().HandleAsync(new SearchPractitionersQuery("Évry", null, null, null, new PageRequest(null, tampered)), default);
            Assert.Equal("invalid-cursor", refused.Failure?.Code);
        }

        Assert.Equal(reads, _world.Directory.Reads);
    }

    private async Task<Page<SearchHit>> SearchAsync(SearchPractitionersQuery query)
    {
        var outcome = await _world.Get<SearchPractitioners>().HandleAsync(query, default);
        Assert.True(outcome.Succeeded, outcome.Failure?.Detail);
        return outcome.Value;
    }

    private async Task<List<Page<SearchHit>>> AllPagesAsync(SearchPractitionersQuery query)
    {
        var pages = new List<Page<SearchHit>> { await SearchAsync(query) };
        while (pages[^1].Next is { } next)
        {
            Assert.True(pages.Count <= 1000, "the pages never end");
            pages.Add(await SearchAsync(query with { Page = new PageRequest(null, next) }));
        }

        return pages;
    }

    private async Task<PractitionerView> RegisterAsync(string name, string city) =>
        (await _world.Get<RegisterPractitioner>().HandleAsync(BookingWorld.Operator, new RegisterPractitionerCommand(name, "Psychiatrie", city, "Europe/Paris"), default)).Value!;

    private async Task PublishedAsync(PractitionerView practitioner) =>
        Assert.True((await _world.Get<PublishSchedule>().HandleAsync(
            BookingWorld.Operator, new PublishScheduleCommand(practitioner.PractitionerId, BookingWorld.EveryDay("08:00", "12:00")), default)).Succeeded);
}
