using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Xunit.Abstractions;

namespace Booking.DevHost.Tests.Cosmos;

/// <summary>The booking flow end to end through the local host with every store on Cosmos DB.</summary>
[Collection(CosmosHostCollection.Name)]
public sealed class CosmosBookingFlowTests(CosmosServerFixture cosmos, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The availability summaries' refresh after a booking: the profile, the first day (3 free slots there), a read and a replace of each of 2 summaries.</summary>
    private const int SummaryRefresh = 1 + 1 + (2 * 2);

    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() =>
        _host = await DevHostFixture.StartAsync(extraArgs: cosmos.HostArgs(CosmosServerFixture.NewDatabaseName()));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SearchBookReplayListRescheduleAndCancelWorkOnCosmos()
    {
        var practitioner = await Scenario.PractitionerAsync(Api, city: "Évry", specialty: "Psychiatrie");
        var search = await Api.GetAsync("/api/practitioners?city=EVRY&specialty=psychiatrie&days=3");
        Assert.Equal(practitioner.Id, Assert.Single(search.Body["items"]!.AsArray())!["practitionerId"]!.GetValue<string>());
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var patient = await Api.TokenAsync("patient-a", "patient");

        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), patient, "key-1");
        var replay = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), patient, "key-1");
        var taken = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), await Api.TokenAsync("patient-b", "patient"), "key-1");

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        Assert.Equal(booked.Text, replay.Text);
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.DoesNotContain(slots[0], await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        Assert.Single((await Api.GetAsync("/api/me/appointments", patient)).Body["items"]!.AsArray());
        var date = booked.Body["start"]!.GetValue<string>()[..10];
        var agenda = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", practitioner.Token);
        Assert.Single(agenda.Body["appointments"]!.AsArray());

        var path = $"/api/appointments/{booked.Body["appointmentId"]}";
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(path + "/reschedule", new { slotId = slots[1] }, patient)).Status);
        Assert.Contains(slots[0], await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        var cancelled = await Api.PostAsync(path + "/cancel", null, patient);
        Assert.Equal("cancelled", cancelled.Body["status"]!.GetValue<string>());
        Assert.Contains(slots[1], await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
    }

    [Fact]
    public async Task ABookingCostsAKnownNumberOfCosmosOperations()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        // Closed today and tomorrow (in Paris): the first free slots are all on one morning whatever the hour the test runs
        // at (in the evening they would straddle two days, and the summary refresh would read one more day).
        var paris = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        var schedule = new
        {
            timeZone = "Europe/Paris", slotMinutes = 30, horizonDays = 14, minNoticeMinutes = 60,
            weekly = Scenario.Week.Select(day => new { day, start = "08:00", end = "20:00" }).ToArray(),
            exceptions = new[] { paris, paris.AddDays(1) }.Select(d => new { date = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), closed = true }).ToArray(),
        };
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", schedule, practitioner.Token)).Status);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");

        var body = new
        {
            slotId = slot,
            patient = new { firstName = "A", lastName = "B", email = "a@example.org", phone = "+33612345678", birthDate = "1980-01-01" },
            consent = new { email = false, sms = false },
        };

        using var counter = new OperationCounter();
        var booked = await Api.PostAsync("/api/appointments", body, patient, "key-ops");
        await _host.Services.GetRequiredService<Booking.Application.Common.BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        await _host.Services.GetRequiredService<Booking.Infrastructure.Embedded.EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var operations = counter.Operations;

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        output.WriteLine($"{operations.Count} operations, {counter.RequestUnits} RU: {string.Join(", ", operations)}");
        output.WriteLine($"X-Store-Operations: {booked.Header("X-Store-Operations")}");
        // The request path (see docs/data-model.md), as the header counts it at the store port, the same number as on SQLite
        // (StoreOperationsHeaderTests) and as the Cosmos adapter itself reports; + the filing handed off the request path
        // + one appointment read by each of the 4 event subscriptions + the availability summaries' refresh (off the request
        // path): the profile, the days, and a read and a replace of each of the practitioner's 2 summaries (the default
        // view and its one visit type).
        Assert.Equal(BookingOperations.FirstAttemptNewPatient, StoreOperationsHeaderTests.Total(booked));
        Assert.Equal(BookingOperations.FollowUp + 4 + SummaryRefresh, operations.Count - BookingOperations.FirstAttemptNewPatient);
        // The listing before it told this instance the practitioner's slot key, so the profile and the slot's day come in one
        // single-partition query; no other query, before or after.
        Assert.Equal(
            ["create IdempotencyRecord", "query Practitioner", "read WrappedDataKey", "create WrappedDataKey", "create PractitionerDay", "create Appointment"],
            operations.Take(BookingOperations.FirstAttemptNewPatient));
        Assert.Single(operations, o => o.StartsWith("query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWeekOfSlotsIsTwoOperationsAndSearchReadsOneDirectoryPartition()
    {
        var practitioner = await Scenario.PractitionerAsync(Api, city: "Quimper");
        var patient = await Api.TokenAsync("patient-week", "patient");
        var week = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/appointments", Scenario.Booking(week[^1]), patient, "k-week")).Status);
        await _host.Services.GetRequiredService<Booking.Application.Common.BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        await _host.Services.GetRequiredService<Booking.Infrastructure.Embedded.EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        List<string> listing, search;
        Reply listed;
        using (var counter = new OperationCounter())
        {
            listed = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?from={from}&to={to}");
            listing = counter.Operations.ToList();
        }

        using (var counter = new OperationCounter())
        {
            await Api.GetAsync($"/api/practitioners?city=quimper&from={from}");
            search = counter.Operations.ToList();
        }

        output.WriteLine($"slot listing, 7 days: {listing.Count} operations: {string.Join(", ", listing)}");
        output.WriteLine($"search, 1 practitioner: {search.Count} operations: {string.Join(", ", search)}");
        // The practitioner, then the held days of the range (one of them holds a booking) in one single-partition query.
        Assert.Equal(["read Practitioner", "query PractitionerDay"], listing);
        Assert.Equal(2, StoreOperationsHeaderTests.Total(listed));
        Assert.DoesNotContain(week[^1], listed.Body["slots"]!.AsArray().Select(s => s!["slotId"]!.GetValue<string>()));
        Assert.Equal(3, search.Count); // one directory partition query, the profile, the first day (3 free slots there)
        Assert.Single(search, o => o.StartsWith("query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASearchPageFromTodayIsOneQueryOfTheCitysSummariesAndNoPointRead()
    {
        for (var i = 0; i < 25; i++)
        {
            await Scenario.PractitionerAsync(Api, city: "Morlaix", name: $"Dr Morlaix {i:D2}");
        }

        Reply first, second;
        List<string> firstOperations, secondOperations;
        using (var counter = new OperationCounter())
        {
            first = await Api.GetAsync("/api/practitioners?city=morlaix");
            firstOperations = counter.Operations.ToList();
        }

        using (var counter = new OperationCounter())
        {
            second = await Api.GetAsync($"/api/practitioners?city=morlaix&cursor={first.Body["next"]!.GetValue<string>()}");
            secondOperations = counter.Operations.ToList();
        }

        output.WriteLine($"search from today, first page of a city of 25: {string.Join(", ", firstOperations)}; second: {string.Join(", ", secondOperations)}");
        Assert.Equal(20, first.Body["items"]!.AsArray().Count);
        Assert.All(first.Body["items"]!.AsArray(), hit => Assert.Equal(3, hit!["firstFreeSlots"]!.AsArray().Count));
        Assert.Equal(["query AvailabilitySummary"], firstOperations);
        Assert.Equal(5, second.Body["items"]!.AsArray().Count);
        Assert.Equal(["query AvailabilitySummary"], secondOperations);
        Assert.Null(second.Body["next"]);
    }

    [Fact]
    public async Task ASearchPageReadsTheDirectoryOnceAndOnlyThePractitionersOfItsPage()
    {
        for (var i = 0; i < 25; i++)
        {
            await Scenario.PractitionerAsync(Api, city: "Brest", name: $"Dr Brest {i:D2}");
        }

        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Reply first, second;
        List<string> firstOperations, secondOperations;
        using (var counter = new OperationCounter())
        {
            first = await Api.GetAsync($"/api/practitioners?city=brest&from={from}");
            firstOperations = counter.Operations.ToList();
        }

        output.WriteLine($"search, first page of a city of 25: {firstOperations.Count} operations: {string.Join(", ", firstOperations)}");
        var next = first.Body["next"]?.GetValue<string>();
        using (var counter = new OperationCounter())
        {
            second = await Api.GetAsync($"/api/practitioners?city=brest&from={from}&cursor={next}");
            secondOperations = counter.Operations.ToList();
        }

        output.WriteLine($"search, second page: {secondOperations.Count} operations: {string.Join(", ", secondOperations)}");
        Assert.Equal(20, first.Body["items"]!.AsArray().Count);
        Assert.Equal(1 + (20 * 2), firstOperations.Count); // the directory partition, then per practitioner of the page its profile and its first day
        Assert.Single(firstOperations, o => o.StartsWith("query", StringComparison.Ordinal));
        Assert.Equal(5, second.Body["items"]!.AsArray().Count);
        Assert.Equal(1 + (5 * 2), secondOperations.Count);
        Assert.Null(second.Body["next"]);
    }
}
