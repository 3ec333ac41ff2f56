using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Messaging;

/// <summary>
/// The outbox. Events are written inside the appointment document by the same conditional write as the change that raised
/// them, so no change's events can be lost between its write and their sending. After the write, the events are sent
/// (message id = event id, so a re-send is dropped by duplicate detection) and removed from the document by a write
/// conditional on the version read, which keeps any event a later change added meanwhile. A new booking is also still to
/// be filed (<see cref="Appointment.ToFile"/>, <see cref="AppointmentFiling"/>): the booking files it off its request path
/// and clears the flag with its events. Until both are done the appointment is unsettled and carries a sort key by its last
/// change; <see cref="SweepAsync"/> reads the unsettled ones of each appointment shard, oldest first, and finishes what a
/// crash (or a failed send) left once the change is past <see cref="OutboxOptions.InFlightGrace"/>.
/// </summary>
public sealed partial class OutboxPublisher(
    IDocumentStore<Appointment> appointments,
    AppointmentFiling filing,
    IMessageBus bus,
    IOptions<MessagingOptions> options,
    IOptions<OutboxOptions> outboxOptions,
    TimeProvider time,
    ILogger<OutboxPublisher> logger)
{
    private const int SweepPage = 100;

    /// <summary>
    /// Sends <paramref name="appointment"/>'s pending events as written, without touching the store; true when all went.
    /// They stay in the document until <see cref="PublishAsync(Appointment, IReadOnlySet{string}?, bool, CancellationToken)"/> clears them.
    /// </summary>
    public async Task<bool> TrySendAsync(Appointment appointment, CancellationToken ct)
    {
        try
        {
            foreach (var e in appointment.Outbox)
            {
                await bus.SendAsync(options.Value.AppointmentEventsTopic, EventMessage.ToBus(e), ct);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(appointment.Id, e.GetType().FullName ?? "unknown");
            return false;
        }
    }

    /// <summary>
    /// Sends the events of the change that wrote <paramref name="written"/> — those of its outbox still pending — and clears
    /// them; safe to repeat and to race. A change calls it once its own work is done (a cancellation once the slot is free), so
    /// its events are never sent by a publisher of an earlier change that happens to read the appointment first: consumers
    /// (the search's availability summary) would see the event before its effect. <paramref name="alreadySent"/>: ids sent
    /// already, cleared without sending again. <paramref name="filed"/>: the caller filed the appointment first, so a new
    /// booking's filing is done (<see cref="Appointment.ToFile"/> is cleared with the events).
    /// </summary>
    public Task PublishAsync(Appointment written, IReadOnlySet<string>? alreadySent, bool filed, CancellationToken ct) =>
        PublishAsync(written.Id, written.Outbox.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal), alreadySent, filed, ct);

    /// <summary>
    /// Publishes after a successful change without failing it: the change is done whatever the bus says,
    /// and the appointment stays unsettled, for the sweeper, when sending fails.
    /// </summary>
    public Task TryPublishAsync(Appointment written, CancellationToken ct) => TryPublishAsync(written, filed: false, ct);

    /// <summary>The same, by a caller that filed the appointment first (<paramref name="filed"/>).</summary>
    public async Task TryPublishAsync(Appointment written, bool filed, CancellationToken ct)
    {
        try
        {
            await PublishAsync(written, null, filed, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(written.Id, e.GetType().FullName ?? "unknown");
        }
    }

    /// <param name="own">the events to send (null: all pending, the sweeper's case); others stay for their change.</param>
    private async Task PublishAsync(
        string appointmentId, HashSet<string>? own, IReadOnlySet<string>? alreadySent, bool filed, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct);
            var mine = stored?.Value.Outbox.Where(e => own?.Contains(e.EventId) != false).ToList() ?? [];
            if (stored is null || (mine.Count == 0 && !(filed && stored.Value.ToFile)))
            {
                return;
            }

            foreach (var e in mine.Where(e => alreadySent?.Contains(e.EventId) != true))
            {
                await bus.SendAsync(options.Value.AppointmentEventsTopic, EventMessage.ToBus(e), ct);
            }

            var settled = stored.Value with { Outbox = [.. stored.Value.Outbox.Except(mine)], ToFile = stored.Value.ToFile && !filed };
            if (await appointments.TryReplaceAsync(stored.Key, settled, stored.ETag, null, ct) is not null)
            {
                return;
            }
        }

        throw new StoreUnavailableException("An appointment kept changing while its events were published.");
    }

    /// <summary>
    /// Whether the change that wrote <paramref name="appointment"/>'s pending events may still be sending them (its request
    /// or the work it handed off): a repeat of that request then leaves them to it, or to the sweeper once the grace has
    /// passed, rather than sending them a second time.
    /// </summary>
    public bool MayStillBeInFlight(Appointment appointment) =>
        appointment.UpdatedAt > time.GetCurrentInstant() - Duration.FromTimeSpan(outboxOptions.Value.InFlightGrace);

    /// <summary>
    /// Publishes (and files) whatever a crash or a failed send left behind; returns how many appointments it settled. One
    /// appointment (or shard) that fails is left for the next sweep and does not stop the others.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var published = 0;
        var settledBy = time.GetCurrentInstant() - Duration.FromTimeSpan(outboxOptions.Value.InFlightGrace);
        for (var shard = 0; shard < AppointmentKeys.Shards; shard++)
        {
            string? after = null;
            while (true)
            {
                IReadOnlyList<Versioned<Appointment>> page;
                try
                {
                    page = await appointments.QueryPartitionAsync(AppointmentKeys.Shard(shard), new SortedQuery(Appointment.UnsettledTag, after, SweepPage), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogShardFailed(shard, e.GetType().FullName ?? "unknown");
                    break;
                }

                // Oldest change first: the rest of the shard is still in flight once one is not past the grace.
                var due = page.TakeWhile(a => a.Value.UpdatedAt <= settledBy).ToList();
                foreach (var appointment in due)
                {
                    published += await TrySettleAsync(appointment.Value, ct) ? 1 : 0;
                }

                if (due.Count < SweepPage)
                {
                    break;
                }

                after = due[^1].Value.SortKey;
            }
        }

        return published;
    }

    private async Task<bool> TrySettleAsync(Appointment appointment, CancellationToken ct)
    {
        try
        {
            if (appointment.ToFile)
            {
                await filing.FileAsync(appointment.Id, ct);
            }

            await PublishAsync(appointment.Id, own: null, alreadySent: null, filed: true, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(appointment.Id, e.GetType().FullName ?? "unknown");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading outbox shard {Shard} failed with {ExceptionType}; the next sweep will retry")]
    private partial void LogShardFailed(int shard, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing events of appointment {AppointmentId} failed with {ExceptionType}; the outbox sweeper will retry")]
    private partial void LogDeferred(string appointmentId, string exceptionType);
}
