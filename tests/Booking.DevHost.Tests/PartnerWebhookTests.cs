using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Application.Partners;
using Booking.Infrastructure.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>A partner's webhook receiver on a loopback port: it fails the first call, then accepts; it checks every signature.</summary>
public sealed class PartnerWebhookTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Body, string Timestamp, string Signature)> _calls = new();
    private WebApplication _receiver = null!;
    private DevHostFixture _host = null!;
    private int _failuresLeft = 1;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _calls.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["X-Booking-Timestamp"].ToString(), context.Request.Headers["X-Booking-Signature"].ToString()));
            return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(503) : Results.NoContent();
        });
        await _receiver.StartAsync();
        _host = await DevHostFixture.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task EventsOfAPartnersAppointmentsReachItsWebhookSignedRetriedAndWithoutPersonalData()
    {
        var api = _host.Client;
        var url = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks";
        var practitioner = await Scenario.PractitionerAsync(api);
        var partner = (await api.PostAsync("/api/partners", new { name = "PracticeSoft", practitionerIds = new[] { practitioner.Id }, webhookUrl = url }, await api.TokenAsync("ops", "operator"))).Body;
        var secret = partner["signingSecret"]!.GetValue<string>();
        var slot = (await Scenario.FreeSlotIdsAsync(api, practitioner.Id))[0];
        var body = JsonSerializer.Serialize(new
        {
            requestId = "w-1", practitionerId = practitioner.Id, slotId = slot,
            patient = new { firstName = "Ysolde", lastName = "Webhook", email = "y@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
            consent = new { email = false, sms = false },
        });

        await Scenario.SendPartnerRequestAsync(api, partner, body);
        await _host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(30));

        var calls = _calls.ToList();
        Assert.Equal(2, calls.Count); // a 503 first, then accepted
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.All(calls, c => Assert.Equal("v1=" + NotifyPartnerWebhook.Sign(secret, c.Timestamp, c.Body), c.Signature));
        var payload = JsonNode.Parse(calls[1].Body)!;
        Assert.Equal("AppointmentConfirmed", payload["type"]!.GetValue<string>());
        Assert.DoesNotContain("Ysolde", calls[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("w-1", calls[1].Body, StringComparison.Ordinal);

        // The same event again is not delivered again.
        var eventBody = (await api.GetAsync("/dev/bus/appointment-events")).Body.AsArray().Single()!["body"]!.GetValue<string>();
        await api.PostAsync("/dev/bus/appointment-events", new { body = eventBody, messageId = "again" });
        await _host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _calls.Count);
    }
}
