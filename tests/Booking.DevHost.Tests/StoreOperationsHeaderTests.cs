using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;

namespace Booking.DevHost.Tests;

/// <summary>
/// Development's <c>X-Store-Operations</c> header on the embedded store (SQLite): what a request made, by kind, and
/// nothing of the background work (bus consumers, timers) that runs beside it. The Cosmos twin is in
/// <see cref="Cosmos.CosmosBookingFlowTests"/>.
/// </summary>
public sealed partial class StoreOperationsHeaderTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The header's counts by kind; fails unless every kind is there, in order.</summary>
    public static IReadOnlyDictionary<string, int> Counts(Reply reply)
    {
        var header = reply.Header("X-Store-Operations");
        Assert.NotNull(header);
        var match = HeaderFormat().Match(header);
        Assert.True(match.Success, $"X-Store-Operations: {header}");
        return new[] { "read", "create", "replace", "upsert", "delete", "query" }
            .ToDictionary(kind => kind, kind => int.Parse(match.Groups[kind].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public static int Total(Reply reply) => Counts(reply).Values.Sum();

    [Fact]
    public async Task EveryResponseSaysItsStoreOperationsByKindZeroGivenNoStoreWork()
    {
        var health = await Api.GetAsync("/api/health");
        var missing = await Api.GetAsync("/api/nowhere");

        Assert.Equal(0, Total(health));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(0, Total(missing));
    }

    [Fact]
    public async Task ABookingCountsOnlyItsOwnOperationsNotTheConsumersRunningBesideIt()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var listing = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots");
        var slot = listing.Body["slots"]!.AsArray()[0]!["slotId"]!.GetValue<string>();
        var patient = await Api.TokenAsync("patient-ops", "patient");

        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-ops");
        // A replay while the filing handed off is still running would finish it itself (and count it): wait for it here.
        await _host.Services.GetRequiredService<Booking.Application.Common.BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var replay = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-ops");
        // The confirmation consumers read the appointment now, beside this request: none of it is this request's.
        var health = await Api.GetAsync("/api/health");

        var after = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots");

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        Assert.Equal((1, 1), (Counts(listing)["read"], Counts(listing)["query"])); // a week: the practitioner, the held days of the range
        Assert.Equal(2, Total(after));
        Assert.DoesNotContain(slot, after.Body["slots"]!.AsArray().Select(s => s!["slotId"]!.GetValue<string>()));
        Assert.Equal(BookingOperations.FirstAttemptNewPatient, Total(booked));
        Assert.Equal(BookingOperations.Replay, Total(replay));
        Assert.Equal(0, Total(health));
    }

    [Fact]
    public async Task AReturningPatientsBookingIsFiveOperationsOnAnInstanceNewToThemAndFourOnOneThatHoldsTheirKey()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var patient = await Api.TokenAsync("patient-returning", "patient");
        var first = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), patient, "k-first");
        var again = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[1]), patient, "k-again");
        await WhenIdleAsync(_host);

        // Another instance (a restart on the same data): nothing of this patient or practitioner in its memory. Each host's
        // consumers are let finish first: a confirmation consumer opening the appointment would load the patient's key.
        var dataDirectory = _host.DataDirectory;
        await _host.DisposeAsync();
        _host = await DevHostFixture.StartAsync(dataDirectory);
        var unlisted = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[2]), patient, "k-unlisted");
        await WhenIdleAsync(_host);
        await using (var fresh = await DevHostFixture.StartAsync(dataDirectory))
        {
            await fresh.Client.GetAsync($"/api/practitioners/{practitioner.Id}/slots");
            var returning = await fresh.Client.PostAsync("/api/appointments", Scenario.Booking(slots[3]), patient, "k-returning");

            output.WriteLine($"first: {first.Header("X-Store-Operations")}; again: {again.Header("X-Store-Operations")}; "
                + $"unlisted: {unlisted.Header("X-Store-Operations")}; returning: {returning.Header("X-Store-Operations")}");
            Assert.All(new[] { first, again, unlisted, returning }, r => Assert.Equal(HttpStatusCode.Created, r.Status));
            Assert.Equal(BookingOperations.Returning, Total(returning));
            Assert.Equal((1, 1, 2), (Counts(returning)["read"], Counts(returning)["query"], Counts(returning)["create"])); // the key; the practitioner and the day; claim, appointment
        }

        Assert.Equal(BookingOperations.FirstAttemptNewPatient, Total(first));
        Assert.Equal(BookingOperations.ReturningKeyCached, Total(again));
        // A booking of a practitioner this instance has never read: the profile, then the day (its date is known from the profile).
        Assert.Equal(BookingOperations.Returning + 1, Total(unlisted));
    }

    [Fact]
    public async Task SlotTakenRescheduleAndCancelCostWhatTheAccessPathsTableSays()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var patient = await Api.TokenAsync("patient-moves", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), patient, "k-1");
        await _host.Services.GetRequiredService<Booking.Application.Common.BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var taken = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), await Api.TokenAsync("patient-late", "patient"), "k-1");
        var path = $"/api/appointments/{booked.Body["appointmentId"]}";

        var moved = await Api.PostAsync(path + "/reschedule", new { slotId = slots[1] }, patient);
        var cancelled = await Api.PostAsync(path + "/cancel", null, patient);
        var mine = await Api.GetAsync("/api/me/appointments", patient);

        output.WriteLine($"slot taken: {taken.Header("X-Store-Operations")}; reschedule: {moved.Header("X-Store-Operations")}; "
            + $"cancel: {cancelled.Header("X-Store-Operations")}; my appointments: {mine.Header("X-Store-Operations")}");
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (moved.Status, cancelled.Status));
        Assert.Equal(BookingOperations.SlotTaken, Total(taken));
        Assert.Equal(BookingOperations.Reschedule, Total(moved));
        Assert.Equal(BookingOperations.Cancel, Total(cancelled));
        Assert.Equal(2 + 1, Total(mine)); // links and idempotency records, then the one appointment
    }

    private static async Task WhenIdleAsync(DevHostFixture host)
    {
        await host.Services.GetRequiredService<Booking.Application.Common.BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        await host.Services.GetRequiredService<Booking.Infrastructure.Embedded.EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
    }

    [GeneratedRegex(@"^read=(?<read>\d+), create=(?<create>\d+), replace=(?<replace>\d+), upsert=(?<upsert>\d+), delete=(?<delete>\d+), query=(?<query>\d+)$")]
    private static partial Regex HeaderFormat();
}

/// <summary>The store operations a booking request makes (docs/data-model.md, "Access paths"), pinned on both stores.</summary>
public static class BookingOperations
{
    /// <summary>
    /// First attempt, slot free, the patient's first booking: idempotency create, practitioner and day in one query (the
    /// instance listed the practitioner's slots, so it knows the slot's date), data-key read (miss) and create, day create or
    /// replace (the hold), appointment create (confirmed, to file).
    /// </summary>
    public const int FirstAttemptNewPatient = 6;

    /// <summary>A returning patient, on an instance that has not their data key in memory: as a first booking, the key read and no create.</summary>
    public const int Returning = 5;

    /// <summary>A returning patient whose data key this instance holds (5 minutes): idempotency create, practitioner and day, hold, appointment.</summary>
    public const int ReturningKeyCached = 4;

    /// <summary>
    /// The filing handed off the request path: appointment read, retention and link upserts, appointment read (not erased
    /// meanwhile), reminder upsert, appointment read and replace (settled: outbox cleared, filed).
    /// </summary>
    public const int FollowUp = 7;

    /// <summary>A replay of a finished request under the same Idempotency-Key: idempotency create (taken), idempotency read, appointment read.</summary>
    public const int Replay = 3;

    /// <summary>Slot taken: idempotency create, practitioner and day (taken), idempotency upsert (the refusal).</summary>
    public const int SlotTaken = 3;

    /// <summary>Reschedule, measured (docs/data-model.md): 7 reads, 5 replaces, 2 upserts.</summary>
    public const int Reschedule = 14;

    /// <summary>Cancel, measured (docs/data-model.md): 4 reads, 3 replaces.</summary>
    public const int Cancel = 7;
}
