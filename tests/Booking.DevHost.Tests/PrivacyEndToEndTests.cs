using System.Net;
using System.Text;

namespace Booking.DevHost.Tests;

/// <summary>
/// The privacy promise end to end: after booking with distinctive personal data, no file under the data
/// directory and no log line holds any of it; the export returns all of it; erasure makes it unreadable for good.
/// </summary>
public sealed class PrivacyEndToEndTests
{
    private static readonly string[] Distinctive = ["Ermengarde", "Quillfeather", "ermengarde.quillfeather@example.org", "+33698765432", "1957-03-14", "Anxiété sévère persistante"];

    [Fact]
    public async Task NothingPersonalAtRestOrInLogsExportHasItAllAndErasureDestroysIt()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slots = await Scenario.FreeSlotIdsAsync(api, practitioner.Id);
        var patient = await api.TokenAsync("patient-erm", "patient");
        var body = new
        {
            slotId = slots[0],
            patient = new { firstName = Distinctive[0], lastName = Distinctive[1], email = Distinctive[2], phone = Distinctive[3], birthDate = Distinctive[4] },
            reason = Distinctive[5],
            consent = new { email = true, sms = true },
        };
        var booked = await api.PostAsync("/api/appointments", body, patient, "priv-1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var appointmentPath = $"/api/appointments/{booked.Body["appointmentId"]}";
        Assert.Equal(Distinctive[0], (await api.GetAsync(appointmentPath, practitioner.Token)).Body["patient"]!["firstName"]!.GetValue<string>());

        AssertNowhere(host);

        var export = await api.GetAsync("/api/me/export", patient);
        Assert.Equal(HttpStatusCode.OK, export.Status);
        Assert.All(Distinctive, value => Assert.Contains(value, export.Text, StringComparison.Ordinal));
        var accessLog = export.Body["accessLog"]!.AsArray();
        Assert.Contains(accessLog, e => e!["principal"]!.GetValue<string>() == $"practitioner:{practitioner.Id}" && e["purpose"]!.GetValue<string>() == "practitioner-views-appointment");
        Assert.Contains(accessLog, e => e!["fields"]!.AsArray().Any(f => f!.GetValue<string>() == "reason"));

        var erased = await api.SendAsync(HttpMethod.Delete, "/api/me", null, patient);
        var erasedAgain = await api.SendAsync(HttpMethod.Delete, "/api/me", null, patient);
        Assert.Equal(HttpStatusCode.NoContent, erased.Status);
        Assert.Equal(HttpStatusCode.NoContent, erasedAgain.Status);

        var afterwards = await api.GetAsync(appointmentPath, practitioner.Token);
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
        Assert.Null(afterwards.Body["patient"]);
        Assert.Null(afterwards.Body["reason"]);
        Assert.Equal("cancelled", afterwards.Body["status"]!.GetValue<string>());
        Assert.Contains(slots[0], await Scenario.FreeSlotIdsAsync(api, practitioner.Id));
        var exportAfter = await api.GetAsync("/api/me/export", patient);
        Assert.All(Distinctive, value => Assert.DoesNotContain(value, exportAfter.Text, StringComparison.Ordinal));
        Assert.Contains(exportAfter.Body["accessLog"]!.AsArray(), e => e!["purpose"]!.GetValue<string>() == "patient-erasure");
        AssertNowhere(host);
    }

    [Fact]
    public async Task ReadingTheAgendaIsRecordedInTheAccessLog()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slot = (await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]![0]!;
        var patient = await api.TokenAsync("patient-a", "patient");
        await api.PostAsync("/api/appointments", Scenario.Booking(slot["slotId"]!.GetValue<string>()), patient, "k");

        await api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={slot["start"]!.GetValue<string>()[..10]}", practitioner.Token);

        var log = (await api.GetAsync("/api/me/export", patient)).Body["accessLog"]!.AsArray();
        var entry = Assert.Single(log, e => e!["purpose"]!.GetValue<string>() == "practitioner-agenda");
        Assert.Equal($"practitioner:{practitioner.Id}", entry!["principal"]!.GetValue<string>());
    }

    private static void AssertNowhere(DevHostFixture host)
    {
        var files = Directory.EnumerateFiles(host.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".lock") // empty, and held exclusively by the running store
            .ToList();
        Assert.NotEmpty(files);
        var logs = string.Join('\n', host.LogLines);
        foreach (var value in Distinctive.Append("Anxi"))
        {
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(file);
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(value)), $"{value} found in {file}");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(value)), $"{value} (UTF-16) found in {file}");
            }

            Assert.DoesNotContain(value, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
