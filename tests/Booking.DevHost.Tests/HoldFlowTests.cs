using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Booking.DevHost.Tests;

/// <summary>Holds end to end on a fake clock: a held slot is taken for others, its holder books it, and it frees itself on expiry with no timer run.</summary>
public sealed class HoldFlowTests
{
    [Fact]
    public async Task AHeldSlotIsTakenForOthersBookableByItsHolderAndFreeAgainOnceExpired()
    {
        var violations = new List<string>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DevHostFixture.StartWithClockAsync(clock);
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slots = await Scenario.FreeSlotIdsAsync(api, practitioner.Id);
        var holder = await api.TokenAsync("holder", "patient");
        var other = await api.TokenAsync("other", "patient");

        var held = await api.PostAsync("/api/holds", new { slotId = slots[0] }, holder);
        violations.AddRange(OpenApiResponseCheck.Violations("POST", "/holds", held));
        Assert.Equal(HttpStatusCode.Created, held.Status);
        Assert.Equal($"/api/holds/{held.Body["holdId"]!.GetValue<string>()}", held.Header("Location"));
        Assert.DoesNotContain(slots[0], await Scenario.FreeSlotIdsAsync(api, practitioner.Id));

        var stolen = await api.PostAsync("/api/appointments", Scenario.Booking(slots[0], firstName: "Other"), other, "o-1");
        Assert.Equal(HttpStatusCode.Conflict, stolen.Status);
        Assert.EndsWith("/slot-taken", stolen.ProblemType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync("/api/holds", new { slotId = slots[0] }, other)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Delete, $"/api/holds/{held.Body["holdId"]!.GetValue<string>()}", null, other)).Status);

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), holder, "h-1")).Status);

        var second = await api.PostAsync("/api/holds", new { slotId = slots[1] }, holder);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/holds", new { slotId = slots[2] }, holder)).Status);
        var third = await api.PostAsync("/api/holds", new { slotId = slots[3] }, holder);
        violations.AddRange(OpenApiResponseCheck.Violations("POST", "/holds", third));
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.EndsWith("/too-many-holds", third.ProblemType, StringComparison.Ordinal);

        var released = await api.SendAsync(HttpMethod.Delete, $"/api/holds/{second.Body["holdId"]!.GetValue<string>()}", null, holder);
        violations.AddRange(OpenApiResponseCheck.Violations("DELETE", "/holds/{holdId}", released));
        Assert.Equal(HttpStatusCode.NoContent, released.Status);
        Assert.Contains(slots[1], await Scenario.FreeSlotIdsAsync(api, practitioner.Id));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains(slots[2], await Scenario.FreeSlotIdsAsync(api, practitioner.Id));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/appointments", Scenario.Booking(slots[2], firstName: "Other"), other, "o-2")).Status);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task HoldsExpiringUnderLoadFreeTheirSlotsForListingAndBooking()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DevHostFixture.StartWithClockAsync(clock);
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        // Slots from the day after tomorrow: moving the clock never brings one under the schedule's notice, whatever the hour.
        var from = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(2);
        var slots = (await Scenario.FreeSlotIdsAsync(api, practitioner.Id, from)).Take(120).ToList();
        Assert.Equal(120, slots.Count);
        var holders = await Task.WhenAll(slots.Select((_, i) => api.TokenAsync($"load-holder-{i}", "patient")));
        var bookers = await Task.WhenAll(slots.Select((_, i) => api.TokenAsync($"load-booker-{i}", "patient"))); // before the clock moves: tokens are checked against the real time

        var held = await Task.WhenAll(slots.Select((slot, i) => Task.Run(() => api.PostAsync("/api/holds", new { slotId = slot }, holders[i]))));
        Assert.All(held, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var stillFree = await Scenario.FreeSlotIdsAsync(api, practitioner.Id, from);
        Assert.Empty(slots.Intersect(stillFree));

        clock.Advance(TimeSpan.FromMinutes(5));
        var freeAgain = await Scenario.FreeSlotIdsAsync(api, practitioner.Id, from);
        Assert.Empty(slots.Except(freeAgain));
        var booked = await Task.WhenAll(slots.Select((slot, i) => Task.Run(() => api.PostAsync("/api/appointments", Scenario.Booking(slot, firstName: $"Booker{i}"), bookers[i], "k"))));
        Assert.DoesNotContain(booked, r => (int)r.Status >= 500);
        Assert.All(booked, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Empty(slots.Intersect(await Scenario.FreeSlotIdsAsync(api, practitioner.Id, from)));
    }
}
