using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Booking.Infrastructure.Embedded;
using Booking.Reliability.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Booking.DevHost.Tests.Reliability;

/// <summary>
/// What made a fault run report notifications "nobody should get": the reminder timer keeps its own schedule (every
/// 15 minutes) while a run books appointments starting within a day, so a run that crosses a quarter hour reminds
/// its own patients, and the run expected only confirmations and cancellations. Here the host's clock crosses the
/// quarter hour in the middle of a run; the run's expectations take the reminders it sends, and nothing else.
/// </summary>
public sealed class FaultRunReminderTests
{
    [Fact]
    public async Task RemindersTheTimerSendsMidRunAreExpectedButNotOnAnUnconsentedChannelOutsideTheWindowOrAfterACancellation()
    {
        // Real time to start with: the host's tokens are checked against the real clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var quarter = clock.GetUtcNow().AddTicks(-(clock.GetUtcNow().Ticks % TimeSpan.FromMinutes(15).Ticks)).AddMinutes(15);
        await using var host = await DevHostFixture.StartWithClockAsync(clock, DevHostFixture.Timers("SendReminders"));
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var soon = (await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]!.AsArray()
            .Where(s => Start(s!) > clock.GetUtcNow().AddHours(2) && Start(s!) < clock.GetUtcNow().AddHours(23))
            .Select(s => s!["slotId"]!.GetValue<string>()).Take(3).ToList();
        Assert.Equal(3, soon.Count);
        var kept = await BookAsync(api, 0, soon[0], sms: true);
        var emailOnly = await BookAsync(api, 1, soon[1], sms: false);
        var cancelled = await BookAsync(api, 2, soon[2], sms: true);
        cancelled.Cancel = ToApiReply(await api.PostAsync($"/api/appointments/{cancelled.AppointmentId}/cancel", null, cancelled.Token));
        cancelled.CancelAnsweredAt = clock.GetUtcNow();
        Assert.True(cancelled.Cancelled);

        clock.SetUtcNow(quarter.AddSeconds(1)); // the quarter hour: SendReminders runs on its own schedule
        var sent = await SentOnceSettledAsync(host, reminders: 3);
        Assert.Equal(10, sent.Count); // and 5 confirmations, 2 cancellations

        FaultScenario.Client[] clients = [kept, emailOnly, cancelled];
        var expectations = new NotificationExpectations(clients, remindersRanAt: null);
        Assert.DoesNotContain(expectations.Required, r => r.Kind == "reminder");
        Assert.Equal(
            new[] { (kept.AppointmentId!, "email"), (kept.AppointmentId!, "sms"), (emailOnly.AppointmentId!, "email") }.Order(),
            sent.Where(s => s.Kind == "reminder").Select(s => (s.AppointmentId, s.Channel)).Order());
        var (_, unexpected) = expectations.Compare(sent);
        Assert.Empty(unexpected); // the run's old expectation counted these three reminders as "unexpected"

        var at = clock.GetUtcNow();
        SentNotification Reminder(FaultScenario.Client c, string channel, DateTimeOffset sentAt) => new(c.AppointmentId!, "reminder", channel, sentAt, null);
        Assert.False(expectations.Allows(Reminder(emailOnly, "sms", at)));
        Assert.False(expectations.Allows(Reminder(cancelled, "email", at)));
        Assert.True(expectations.Allows(Reminder(cancelled, "email", cancelled.CancelAnsweredAt.Value.AddSeconds(-1))));
        Assert.False(expectations.Allows(Reminder(kept, "email", kept.Start!.Value - NotificationExpectations.ReminderLead - TimeSpan.FromSeconds(1))));
        Assert.False(expectations.Allows(new SentNotification("an-appointment-nobody-booked", "reminder", "email", at, null)));

        var afterDrain = new NotificationExpectations(clients, remindersRanAt: at);
        Assert.Equal(3, afterDrain.Required.Count(r => r.Kind == "reminder"));
        Assert.Empty(afterDrain.Compare(sent).Missing);
    }

    private static DateTimeOffset Start(JsonNode slot) => DateTimeOffset.Parse(slot["start"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static async Task<FaultScenario.Client> BookAsync(ApiClient api, int index, string slotId, bool sms)
    {
        var token = await api.TokenAsync($"faulty-patient-{index}", "patient");
        var reply = ToApiReply(await api.PostAsync("/api/appointments", Bookings.Body(slotId, index, sms), token, $"faults-{index}"));
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return new FaultScenario.Client(index, slotId, sms, reply, reply.Body!["appointmentId"]!.GetValue<string>(), token);
    }

    private static ApiReply ToApiReply(Reply reply) => new(reply.Status, reply.Json, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// What the sink sent, once the timer's run sent <paramref name="reminders"/> reminders and everything has settled: no
    /// reminder run still going (an explicit run waits for the timer's, as runs of one function never overlap) and no
    /// message left for the consumers (the confirmations and cancellations).
    /// </summary>
    private static async Task<List<SentNotification>> SentOnceSettledAsync(DevHostFixture host, int reminders)
    {
        var api = host.Client;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await SentAsync(api)).Count(s => s.Kind == "reminder") < reminders)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the reminder timer sent fewer than {reminders} reminders within 60 s of the quarter hour");
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/admin/functions/SendReminders", null)).Status);
        await host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(60));
        return await SentAsync(api);
    }

    private static async Task<List<SentNotification>> SentAsync(ApiClient api) =>
        [.. (await api.GetAsync("/dev/notifications")).Body.AsArray().Select(n => new SentNotification(
            n!["appointmentId"]!.GetValue<string>(), n["kind"]!.GetValue<string>(), n["channel"]!.GetValue<string>(),
            DateTimeOffset.Parse(n["sentAt"]!.GetValue<string>(), CultureInfo.InvariantCulture), n["deliveryId"]?.GetValue<string>()))];
}
