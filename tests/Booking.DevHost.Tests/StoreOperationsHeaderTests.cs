using System.Net;
using System.Text.RegularExpressions;

namespace Booking.DevHost.Tests;

/// <summary>
/// Development's <c>X-Store-Operations</c> header on the embedded store (SQLite): what a request made, by kind, and
/// nothing of the background work (bus consumers, timers) that runs beside it. The Cosmos twin is in
/// <see cref="Cosmos.CosmosBookingFlowTests"/>.
/// </summary>
public sealed partial class StoreOperationsHeaderTests : IAsyncLifetime
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
        var replay = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-ops");
        // The confirmation consumers read the appointment now, beside this request: none of it is this request's.
        var health = await Api.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        Assert.Equal(BookingOperations.FirstAttemptNewPatient, Total(booked));
        Assert.Equal(BookingOperations.Replay, Total(replay));
        Assert.Equal(0, Total(health));
    }

    [GeneratedRegex(@"^read=(?<read>\d+), create=(?<create>\d+), replace=(?<replace>\d+), upsert=(?<upsert>\d+), delete=(?<delete>\d+), query=(?<query>\d+)$")]
    private static partial Regex HeaderFormat();
}

/// <summary>The store operations a booking request makes (docs/data-model.md, "Access paths"), pinned on both stores.</summary>
public static class BookingOperations
{
    /// <summary>First attempt, slot free, the patient's first booking.</summary>
    public const int FirstAttemptNewPatient = 19;

    /// <summary>A replay of a finished request under the same Idempotency-Key.</summary>
    public const int Replay = 1;
}
