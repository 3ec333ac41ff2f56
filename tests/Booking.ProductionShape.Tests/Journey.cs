using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;

namespace Booking.ProductionShape.Tests;

/// <summary>The steps the tests take through the API, with Entra ID tokens, and what they wait for on the providers.</summary>
public static partial class Journey
{
    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static string OperatorToken(ProductionStack stack) => stack.TokenV2("operator-" + Guid.NewGuid().ToString("N")[..8], ["operator"]);

    public static string PatientToken(ProductionStack stack, string objectId) => stack.TokenV2(objectId, ["patient"]);

    /// <summary>An operator registers a practitioner and publishes a schedule open every day 08:00–20:00 (Paris).</summary>
    public static async Task<string> PractitionerWithScheduleAsync(ProductionStack stack, string name = "Dr Hélène Production")
    {
        var operatorToken = OperatorToken(stack);
        var created = await stack.Api.PostAsync("/api/practitioners", new { displayName = name, specialty = "Psychiatrie", city = "Évry", timeZone = "Europe/Paris" }, operatorToken);
        Assert.True(created.Status == HttpStatusCode.Created, created + Environment.NewLine + stack.Logs.Problems());
        var id = created.Body["practitionerId"]!.GetValue<string>();
        var schedule = new
        {
            timeZone = "Europe/Paris",
            slotMinutes = 30,
            weekly = Week.Select(day => new { day, start = "08:00", end = "20:00" }).ToArray(),
            exceptions = Array.Empty<object>(),
            horizonDays = 7,
            minNoticeMinutes = 60,
        };
        var published = await stack.Api.PutAsync($"/api/practitioners/{id}/schedule", schedule, operatorToken);
        Assert.True(published.Status == HttpStatusCode.OK, published + Environment.NewLine + stack.Logs.Problems());
        return id;
    }

    /// <summary>The first free slot (every slot offered is at least an hour ahead; the first is always within 24 h).</summary>
    public static async Task<(string SlotId, DateTimeOffset Start)> FirstFreeSlotAsync(ProductionStack stack, string practitionerId)
    {
        var reply = await stack.Api.GetAsync($"/api/practitioners/{practitionerId}/slots");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var slot = reply.Body["slots"]!.AsArray().First()!;
        return (slot["slotId"]!.GetValue<string>(), DateTimeOffset.Parse(slot["start"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    public sealed record Patient(string ObjectId, string FirstName, string LastName, string Email, string Phone)
    {
        public static Patient New(string lastName)
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            return new Patient("patient-" + tag, "Zoé", lastName, $"zoe.{tag}@example.org", "0612" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The patient books <paramref name="slotId"/> with consent to email and SMS; returns the appointment id.</summary>
    public static async Task<string> BookAsync(ProductionStack stack, Patient patient, string slotId)
    {
        var booked = await stack.Api.PostAsync("/api/appointments", new
        {
            slotId,
            patient = new { firstName = patient.FirstName, lastName = patient.LastName, email = patient.Email, phone = patient.Phone, birthDate = "1980-02-29" },
            reason = "Bilan annuel",
            consent = new { email = true, sms = true },
        }, PatientToken(stack, patient.ObjectId), idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(booked.Status == HttpStatusCode.Created, booked + Environment.NewLine + stack.Logs.Problems());
        return booked.Body["appointmentId"]!.GetValue<string>();
    }

    /// <summary>The emails the SMTP server accepted for <paramref name="address"/>, once there are <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> EmailsToAsync(ProductionStack stack, string address, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = stack.Smtp.Messages.Where(m => m.To.Mailboxes.Any(to => to.Address == address)).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(found.Count >= count, $"{found.Count} of {count} emails to {address} arrived.{Environment.NewLine}{stack.Logs.Problems()}");
                return found;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<IReadOnlyList<Booking.StandIns.SmsMessage>> SmsToAsync(ProductionStack stack, string phoneDigits, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var tail = phoneDigits[^8..];
        while (true)
        {
            var found = stack.Sms.Messages.Where(m => m.To.EndsWith(tail, StringComparison.Ordinal)).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(found.Count >= count, $"{found.Count} of {count} SMS to …{tail} arrived.{Environment.NewLine}{stack.Logs.Problems()}");
                return found;
            }

            await Task.Delay(100);
        }
    }

    public static string ManageToken(string text) =>
        ManageLink().Match(text) is { Success: true } match ? match.Groups["token"].Value : throw new InvalidOperationException("No manage link in: " + text);

    [GeneratedRegex("/manage/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ManageLink();

    public static string TextOf(MimeMessage message) => message.TextBody ?? message.HtmlBody ?? string.Empty;

    public static JsonNode Node(string text) => JsonNode.Parse(text)!;
}
