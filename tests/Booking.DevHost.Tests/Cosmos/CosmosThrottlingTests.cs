using System.Net;
using Booking.Infrastructure.Cosmos;
using Booking.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Booking.DevHost.Tests.Cosmos;

/// <summary>
/// A booking while Cosmos DB rate-limits the app past the SDK's retry budget (docs/data-model.md, Client): the patient
/// gets 503 problem+json with Retry-After (docs/api.md), no appointment exists, nobody else gets the slot, and a retry
/// under the same Idempotency-Key once the throttling ends books it once.
/// </summary>
// In the Cosmos collection, not beside it: tests there count every Cosmos operation of the process.
[Collection(CosmosHostCollection.Name)]
public sealed class CosmosThrottlingTests(CosmosServerFixture cosmos) : IAsyncLifetime
{
    private readonly string _database = CosmosServerFixture.NewDatabaseName();
    private LocalCosmosServer _server = null!;
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    private CosmosCompatControl Control => _server.Control!;

    /// <summary>The SDK's tries of one request when every one is throttled: the first and each retry of the app's budget.</summary>
    private int TriesWithinTheBudget =>
        1 + _host.Services.GetRequiredService<IOptions<CosmosOptions>>().Value.MaxRetryAttemptsOnRateLimitedRequests;

    public async Task InitializeAsync()
    {
        _server = await cosmos.CompatLayerAsync();
        _host = await DevHostFixture.StartAsync(extraArgs: cosmos.HostArgs(_database, _server));
    }

    public async Task DisposeAsync()
    {
        await Control.StopThrottlingAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ABookingThrottledFromItsFirstWriteIs503WithRetryAfterBooksNothingAndItsRetryLaterBooksOnce()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-throttled", "patient");
        await Control.ThrottleAsync(new ThrottleRule(RetryAfterMs: 20, Database: _database));
        // Read after the rule is armed: every request of the database from here on is throttled (the host's timers too).
        var since = await Control.LastRequestAsync();

        var throttled = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-throttled");

        AssertUnavailable(throttled);
        var tries = (await Control.RequestsAsync(since)).Where(r => r.Database == _database).ToList();
        Assert.All(tries, r => Assert.True(r.Throttled));
        // The booking's first write (claiming the Idempotency-Key), tried as often as the budget allows and never written.
        Assert.Equal(TriesWithinTheBudget, tries.Count(r => r is { Operation: "create", Container: "idempotency" }));
        await Control.StopThrottlingAsync();
        Assert.Contains(slot, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        Assert.Empty((await Api.GetAsync("/api/me/appointments", patient)).Body["items"]!.AsArray());

        var retried = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-throttled");

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.DoesNotContain(slot, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        Assert.Single((await Api.GetAsync("/api/me/appointments", patient)).Body["items"]!.AsArray());
    }

    [Fact]
    public async Task ABookingThrottledAtTheAppointmentWriteIs503KeepsTheSlotFromOthersAndItsRetryBooksItOnce()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var first = (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]![0]!;
        var (slot, date) = (first["slotId"]!.GetValue<string>(), first["start"]!.GetValue<string>()[..10]);
        var patient = await Api.TokenAsync("patient-throttled", "patient");
        await Control.ThrottleAsync(new ThrottleRule(RetryAfterMs: 20, Operation: "create", Database: _database, Container: "appointments"));
        var since = await Control.LastRequestAsync();

        var throttled = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-throttled");

        AssertUnavailable(throttled);
        var tries = (await Control.RequestsAsync(since)).Where(r => r.Database == _database && r.Throttled).ToList();
        Assert.Equal(TriesWithinTheBudget, tries.Count);
        Assert.All(tries, r => Assert.Equal(("create", "appointments"), (r.Operation, r.Container)));
        await Control.StopThrottlingAsync();
        // No appointment was written: neither the patient nor the agenda shows one. The slot stays held for this booking.
        Assert.Empty((await Api.GetAsync("/api/me/appointments", patient)).Body["items"]!.AsArray());
        Assert.Empty((await AgendaAsync(practitioner, date)).AsArray());
        var other = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), await Api.TokenAsync("patient-other", "patient"), "key-other");
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.EndsWith("/slot-taken", other.ProblemType, StringComparison.Ordinal);

        var retried = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-throttled");

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        var booked = Assert.Single((await Api.GetAsync("/api/me/appointments", patient)).Body["items"]!.AsArray());
        Assert.Equal(retried.Body["appointmentId"]!.GetValue<string>(), booked!["appointmentId"]!.GetValue<string>());
        var agenda = Assert.Single((await AgendaAsync(practitioner, date)).AsArray());
        Assert.Equal(retried.Body["appointmentId"]!.GetValue<string>(), agenda!["appointmentId"]!.GetValue<string>());
    }

    private static void AssertUnavailable(Reply reply)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.EndsWith("/unavailable", reply.ProblemType, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), reply.RetryAfter);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> AgendaAsync(Scenario.Practitioner practitioner, string date) =>
        (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", practitioner.Token)).Body["appointments"]!;
}
