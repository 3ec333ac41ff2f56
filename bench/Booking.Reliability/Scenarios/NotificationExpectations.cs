namespace Booking.Reliability.Scenarios;

/// <summary>One notification a host's sink delivered: ids, kind, channel and time (no address, no text).</summary>
public sealed record SentNotification(string AppointmentId, string Kind, string Channel, DateTimeOffset SentAt, string? DeliveryId)
{
    public (string AppointmentId, string Kind, string Channel) Key => (AppointmentId, Kind, Channel);
}

/// <summary>
/// Which notifications a fault run's patients must get, and which others they may: a confirmation per accepted booking
/// and a cancellation per cancelled one, on each consented channel; a reminder on each consented channel for every
/// accepted, uncancelled appointment already within its 24-hour reminder window when the drain ran the reminders
/// (<paramref name="remindersRanAt"/>). The reminder timer also runs on its own schedule during the run, so a reminder
/// is also legitimate, not required, when it went to an accepted booking on a consented channel inside its window and,
/// for a cancelled one, before the cancellation was answered. Anything else is a notification nobody should get.
/// </summary>
public sealed class NotificationExpectations
{
    /// <summary>How long before its start an appointment is reminded (the product's <c>ReminderDue.Lead</c>).</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(24);

    private readonly Dictionary<string, FaultScenario.Client> _byAppointment;
    private readonly HashSet<(string, string, string)> _required;

    public NotificationExpectations(IReadOnlyList<FaultScenario.Client> clients, DateTimeOffset? remindersRanAt)
    {
        _byAppointment = clients.Where(c => c.Accepted).ToDictionary(c => c.AppointmentId!);
        var accepted = _byAppointment.Values;
        Required = accepted.SelectMany(c => c.Channels.Select(ch => (c.AppointmentId!, "confirmation", ch)))
            .Concat(accepted.Where(c => c.Cancelled).SelectMany(c => c.Channels.Select(ch => (c.AppointmentId!, "cancellation", ch))))
            .Concat(accepted.Where(c => !c.Cancelled && remindersRanAt is { } ran && c.Start - ReminderLead <= ran)
                .SelectMany(c => c.Channels.Select(ch => (c.AppointmentId!, "reminder", ch))))
            .ToList();
        _required = [.. Required];
    }

    public IReadOnlyList<(string AppointmentId, string Kind, string Channel)> Required { get; }

    /// <summary>The client that was given <paramref name="appointmentId"/> in a 201, if any.</summary>
    public FaultScenario.Client? ClientOf(string appointmentId) => _byAppointment.GetValueOrDefault(appointmentId);

    /// <summary>Whether a patient may have been sent <paramref name="n"/>: required, or a reminder the timer sent in time.</summary>
    public bool Allows(SentNotification n) =>
        _required.Contains(n.Key) || (n.Kind == "reminder" && ClientOf(n.AppointmentId) is { } c && IsTimelyReminder(c, n));

    /// <summary>What was required and not sent, and what was sent and not allowed (each once, however often it was sent).</summary>
    public (IReadOnlyList<(string AppointmentId, string Kind, string Channel)> Missing, IReadOnlyList<SentNotification> Unexpected) Compare(
        IReadOnlyList<SentNotification> sent)
    {
        var keys = sent.Select(s => s.Key).ToHashSet();
        return (Required.Where(r => !keys.Contains(r)).ToList(), sent.Where(s => !Allows(s)).DistinctBy(s => s.Key).ToList());
    }

    private static bool IsTimelyReminder(FaultScenario.Client c, SentNotification n) =>
        c.Channels.Contains(n.Channel)
        && c.Start is { } start && n.SentAt >= start - ReminderLead && n.SentAt < start
        && (!c.Cancelled || n.SentAt <= c.CancelAnsweredAt);
}
