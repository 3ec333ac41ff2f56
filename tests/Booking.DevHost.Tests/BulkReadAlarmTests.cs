using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>A partner reading in bulk is cut off at the threshold, and the breach report lists exactly what it read.</summary>
public sealed class BulkReadAlarmTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync(extraArgs: "--Partners:BulkReadAlarmThreshold=3");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task APartnerReadingPastTheThresholdIsSuspendedAlertedAndReportedExactly()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var ops = await Api.TokenAsync("ops", "operator");
        var partner = (await Api.PostAsync("/api/partners", new { name = "Leaky", practitionerIds = new[] { practitioner.Id } }, ops)).Body;
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        for (var i = 0; i < 5; i++)
        {
            var body = JsonSerializer.Serialize(new
            {
                requestId = $"bulk-{i}", practitionerId = practitioner.Id, slotId = slots[i],
                patient = new { firstName = "P", lastName = $"N{i}", email = $"p{i}@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
                consent = new { email = false, sms = false },
            });
            await Scenario.SendPartnerRequestAsync(Api, partner, body);
        }

        var bus = _host.Services.GetRequiredService<EmbeddedMessageBus>();
        await bus.WhenIdleAsync(TimeSpan.FromSeconds(20));
        var ids = (await Api.GetAsync("/dev/bus/partner-booking-results")).Body.AsArray()
            .Select(m => JsonNode.Parse(m!["body"]!.GetValue<string>())!["appointmentId"]!.GetValue<string>()).ToList();
        Assert.Equal(5, ids.Count);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var apiKey = partner["apiKey"]!.GetValue<string>();

        var statuses = new List<HttpStatusCode>();
        foreach (var id in ids.Take(3).Append(ids[0]).Append(ids[3]).Append(ids[4]))
        {
            statuses.Add((await Api.GetAsPartnerAsync($"/api/partner/appointments/{id}", apiKey)).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], statuses);
        var alert = JsonNode.Parse(Assert.Single((await Api.GetAsync("/dev/bus/operator-alerts")).Body.AsArray())!["body"]!.GetValue<string>())!;
        Assert.Equal("PartnerBulkRead", alert["type"]!.GetValue<string>());
        Assert.Equal(partner["partnerId"]!.GetValue<string>(), alert["partnerId"]!.GetValue<string>());
        Assert.DoesNotContain("example.org", alert.ToJsonString(), StringComparison.Ordinal);

        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var report = await Api.GetAsync(
            $"/api/operator/breach-report?principal=partner:{partner["partnerId"]}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", ops);
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal(3, report.Body["appointmentCount"]!.GetValue<int>());
        Assert.Equal(3, report.Body["patientCount"]!.GetValue<int>());
        Assert.Equal(ids.Take(3).Order(), report.Body["appointments"]!.AsArray().Select(a => a!["appointmentId"]!.GetValue<string>()).Order());
        Assert.All(report.Body["appointments"]!.AsArray(), a => Assert.Equal(practitioner.Id, a!["practitionerId"]!.GetValue<string>()));

        var byKey = await Api.GetAsync(
            $"/api/operator/breach-report?principal=partner-key:{apiKey.Split('.')[1]}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", ops);
        Assert.Equal(3, byKey.Body["appointmentCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("principal=someone&from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z")]
    [InlineData("principal=partner:x&from=yesterday&to=2026-11-29T00:00:00Z")]
    [InlineData("principal=partner:x&from=2026-11-29T00:00:00Z&to=2026-11-28T00:00:00Z")]
    [InlineData("principal=partner:x&from=2020-01-01T00:00:00Z&to=2026-11-28T00:00:00Z")]
    public async Task TheBreachReportRefusesBadQueriesAndNonOperators(string query)
    {
        var ops = await Api.TokenAsync("ops", "operator");

        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync("/api/operator/breach-report?" + query, ops)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.GetAsync("/api/operator/breach-report?" + query, await Api.TokenAsync("p", "patient"))).Status);
    }
}
