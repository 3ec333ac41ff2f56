using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Booking.Application.Partners;

namespace Booking.DevHost.Tests;

/// <summary>Sets up what most tests need through the API itself: a practitioner with a published schedule.</summary>
public static partial class Scenario
{
    public static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static object Schedule(string timeZone = "Europe/Paris", int horizonDays = 14) => new
    {
        timeZone,
        slotMinutes = 30,
        weekly = Week.Select(day => new { day, start = "08:00", end = "20:00" }).ToArray(),
        exceptions = Array.Empty<object>(),
        horizonDays,
        minNoticeMinutes = 60,
    };

    public static async Task<Practitioner> PractitionerAsync(
        ApiClient api, string city = "Évry", string specialty = "Psychiatrie", string name = "Dr Hélène Test")
    {
        var operatorToken = await api.TokenAsync("ops-1", "operator");
        var created = await api.PostAsync("/api/practitioners", new { displayName = name, specialty, city, timeZone = "Europe/Paris" }, operatorToken);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body["practitionerId"]!.GetValue<string>();
        var token = await api.TokenAsync("prac-" + id, "practitioner", id);
        var published = await api.PutAsync($"/api/practitioners/{id}/schedule", Schedule(), token);
        Assert.Equal(HttpStatusCode.OK, published.Status);
        return new Practitioner(id, token);
    }

    /// <summary>A new practitioner with a published schedule, and a partner an operator admitted for them (its credentials as shown once).</summary>
    public static async Task<(Practitioner Practitioner, JsonNode Partner)> PartnerAsync(ApiClient api)
    {
        var practitioner = await PractitionerAsync(api);
        var ops = await api.TokenAsync("ops", "operator");
        var created = await api.PostAsync("/api/partners", new { name = "PracticeSoft", practitionerIds = new[] { practitioner.Id } }, ops);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return (practitioner, created.Body);
    }

    public static async Task<IReadOnlyList<string>> FreeSlotIdsAsync(ApiClient api, string practitionerId, DateOnly? from = null)
    {
        var range = from is { } date ? $"?from={date:yyyy-MM-dd}&to={date.AddDays(6):yyyy-MM-dd}" : "";
        var reply = await api.GetAsync($"/api/practitioners/{practitionerId}/slots{range}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body["slots"]!.AsArray().Select(s => s!["slotId"]!.GetValue<string>()).ToList();
    }

    public static object Booking(string slotId, string firstName = "Zoé", string lastName = "Quennehen", string? reason = null, bool smsConsent = false) => new
    {
        slotId,
        patient = new { firstName, lastName, email = "zoe.quennehen@example.org", phone = "06 12 34 56 78", birthDate = "1980-02-29" },
        reason,
        consent = new { email = true, sms = smsConsent },
    };

    /// <summary>
    /// Puts a booking request on the embedded bus as partner software would: signed with the partner's secret
    /// (or with <paramref name="signature"/>), from the partner (or from <paramref name="partnerId"/>).
    /// </summary>
    public static Task<Reply> SendPartnerRequestAsync(ApiClient api, JsonNode partner, string body, string? signature = null, string? partnerId = null) =>
        api.PostAsync("/dev/bus/partner-booking-requests", new
        {
            body,
            applicationProperties = new Dictionary<string, string>
            {
                ["partnerId"] = partnerId ?? partner["partnerId"]!.GetValue<string>(),
                ["signature"] = signature ?? ProcessPartnerBookingRequest.Sign(Encoding.UTF8.GetBytes(body), partner["signingSecret"]!.GetValue<string>()),
            },
        });

    /// <summary>
    /// The manage-link token the patient received for <paramref name="appointmentId"/> (of the newest notification
    /// about it that carries one), waiting up to 20 s for the notification to go out.
    /// </summary>
    public static async Task<string> ManageTokenAsync(ApiClient api, string appointmentId, string kind = "confirmation")
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var sent = (await api.GetAsync("/dev/notifications")).Body.AsArray()
                .LastOrDefault(n => n!["appointmentId"]!.GetValue<string>() == appointmentId && n["kind"]!.GetValue<string>() == kind);
            if (sent is not null)
            {
                return ManageLink().Match(sent["body"]!.GetValue<string>()).Groups["token"].Value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {kind} notification for {appointmentId} within 20 s.");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("/manage/(?<token>[A-Za-z0-9_-]+)")]
    public static partial Regex ManageLink();

    public sealed record Practitioner(string Id, string Token);
}
