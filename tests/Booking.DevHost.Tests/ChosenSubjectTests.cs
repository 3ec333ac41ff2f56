using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// Patient tokens whose subject spells an internal id — where an identity provider lets users choose their subject —
/// reach nothing of it: a patient's id is derived from the token, never the subject as it stands.
/// </summary>
public sealed class ChosenSubjectTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;
    private Scenario.Practitioner _practitioner = null!;
    private JsonNode _partner = null!;

    private ApiClient Api => _host.Client;

    private string PartnerId => _partner["partnerId"]!.GetValue<string>();

    public async Task InitializeAsync()
    {
        _host = await DevHostFixture.StartAsync();
        _practitioner = await Scenario.PractitionerAsync(Api);
        var created = await Api.PostAsync("/api/partners", new { name = "PracticeSoft", practitionerIds = new[] { _practitioner.Id } }, await Api.TokenAsync("ops", "operator"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        _partner = created.Body;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ATokenNamingAPartnerBookedPatientReadsNothingOfTheirAppointment()
    {
        var appointmentId = await PartnerBooksAsync("req-1", 0);

        var read = await Api.GetAsync($"/api/appointments/{appointmentId}", await Api.TokenAsync($"partner-patient-{appointmentId}", "patient"));

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.DoesNotContain("Partner", read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErasureByATokenNamingAPartnerLeavesThatPartnersKeyAlone()
    {
        await PartnerBooksAsync("req-1", 0);

        var erased = await Api.SendAsync(HttpMethod.Delete, "/api/me", null, await Api.TokenAsync($"partner:{PartnerId}", "patient"));

        Assert.Equal(HttpStatusCode.NoContent, erased.Status);
        Assert.NotNull(await PartnerBooksAsync("req-2", 1)); // its signing secret still opens: the request is verified and booked
    }

    private async Task<string> PartnerBooksAsync(string requestId, int slotIndex)
    {
        var slot = (await Scenario.FreeSlotIdsAsync(Api, _practitioner.Id))[slotIndex];
        var body = JsonSerializer.Serialize(new
        {
            requestId,
            practitionerId = _practitioner.Id,
            slotId = slot,
            patient = new { firstName = "Zoé", lastName = "Partner", email = "zoe@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
            consent = new { email = false, sms = false },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await Scenario.SendPartnerRequestAsync(Api, _partner, body)).Status);
        await _host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var result = (await Api.GetAsync("/dev/bus/partner-booking-results")).Body.AsArray()
            .Select(r => JsonNode.Parse(r!["body"]!.GetValue<string>())!)
            .Single(r => r["requestId"]?.GetValue<string>() == requestId);
        Assert.Equal("confirmed", result["status"]!.GetValue<string>());
        return result["appointmentId"]!.GetValue<string>();
    }
}
