using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Messaging;

/// <summary>
/// The outbox. Events are written inside the appointment document by the same conditional write as the
/// change that raised them; a marker written just before says where to look, and the change writes the marker's id (its
/// marking) into the appointment with its events. After the write, the events are sent (message id = event id, so a re-send
/// is dropped by duplicate detection), removed from the document, and the marker is ended by a write conditional on the
/// version read before the appointment — and only when the appointment read holds the marked change: a change that marked
/// the appointment but has not written it yet (a cancellation right after a booking, whose hand-off publishes in between)
/// keeps its marker, so its events are not lost if its own publishing then fails. A crash anywhere leaves the marker, and
/// <see cref="SweepAsync"/> finishes the job. A booking's marker also says the appointment is still to be filed (<see cref="AppointmentFiling"/>):
/// the booking files it off its request path, and the sweeper does when a crash left that undone.
/// </summary>
public sealed partial class OutboxPublisher(
    IDocumentStore<Appointment> appointments,
    AppointmentFiling filing,
    IDocumentStore<OutboxMarker> markers,
    IMessageBus bus,
    IOptions<MessagingOptions> options,
    IOptions<OutboxOptions> outboxOptions,
    TimeProvider time,
    ILogger<OutboxPublisher> logger)
{
    /// <summary>
    /// Call before a change that raises events: the sweeper will look at this appointment until they are out. Returns the
    /// marking, which the change's write puts in the appointment (<see cref="Marked"/>).
    /// </summary>
    public Task<string> ExpectEventsAsync(string appointmentId, CancellationToken ct) => ExpectEventsAsync(appointmentId, false, ct);

    /// <summary>The same, for a new appointment that is still to be filed (<paramref name="toFile"/>) before its marker may go.</summary>
    public async Task<string> ExpectEventsAsync(string appointmentId, bool toFile, CancellationToken ct)
    {
        var key = OutboxKeys.Marker(appointmentId);
        // A booking's marker still owed its filing keeps that duty when a change right after it (a cancellation) marks again.
        var stillToFile = toFile || (await markers.ReadAsync(key, ct))?.Value is { Ended: false, ToFile: true };
        var marking = Domain.Common.OpaqueId.New();
        await markers.UpsertAsync(key, new OutboxMarker(appointmentId, time.GetCurrentInstant(), stillToFile, Marking: marking), null, ct);
        return marking;
    }

    /// <summary>
    /// <paramref name="change"/>, writing <paramref name="marking"/> into the appointment when it changes it (a change that
    /// changes nothing still writes nothing).
    /// </summary>
    public static Func<Appointment, Appointment> Marked(string marking, Func<Appointment, Appointment> change) =>
        a => change(a) is var changed && !ReferenceEquals(changed, a) ? changed with { OutboxMarking = marking } : a;

    /// <summary>
    /// Sends <paramref name="appointment"/>'s pending events as written, without touching the store; true when all went.
    /// They stay in the document until <see cref="PublishAsync(string, IReadOnlySet{string}?, CancellationToken)"/> clears them.
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
    /// Sends the appointment's pending events and clears them. Safe to repeat and to race. <paramref name="filed"/>: the
    /// caller filed the appointment first, so a marker still owing its filing may end.
    /// </summary>
    public Task PublishAsync(string appointmentId, bool filed, CancellationToken ct) => PublishAsync(appointmentId, null, filed, ct);

    /// <summary>The same, without sending again the events of <paramref name="alreadySent"/> (ids).</summary>
    public async Task PublishAsync(string appointmentId, IReadOnlySet<string>? alreadySent, bool filed, CancellationToken ct)
    {
        // Read before the appointment: a change that marks it after this read is one whose events this may not see.
        var marker = await markers.ReadAsync(OutboxKeys.Marker(appointmentId), ct);
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct);
            if (stored is null || stored.Value.Outbox.Count == 0)
            {
                await EndAsync(marker, stored?.Value, filed, ct);
                return;
            }

            foreach (var e in stored.Value.Outbox.Where(e => alreadySent?.Contains(e.EventId) != true))
            {
                await bus.SendAsync(options.Value.AppointmentEventsTopic, EventMessage.ToBus(e), ct);
            }

            var sent = stored.Value.Outbox.Select(e => e.EventId).ToHashSet();
            var cleared = stored.Value with { Outbox = stored.Value.Outbox.Where(e => !sent.Contains(e.EventId)).ToList() };
            if (await appointments.TryReplaceAsync(stored.Key, cleared, stored.ETag, null, ct) is not null)
            {
                await EndAsync(marker, cleared, filed, ct);
                return;
            }
        }

        throw new StoreUnavailableException("An appointment kept changing while its events were published.");
    }

    /// <summary>
    /// Ends the marker as it was read, once its change is in the appointment published (<paramref name="published"/>; null:
    /// gone) and any filing it owes is done; when it changed since (another change marked it again), it stays for that change
    /// or the sweeper. A marker whose change never wrote the appointment (it crashed) ends once settled, past the in-flight
    /// grace. Ended markers expire after a day.
    /// </summary>
    private async Task EndAsync(Versioned<OutboxMarker>? marker, Appointment? published, bool filed, CancellationToken ct)
    {
        if (marker is null || marker.Value.Ended || (marker.Value.ToFile && !filed && published is not null))
        {
            return;
        }

        var settled = marker.Value.Since <= time.GetCurrentInstant() - Duration.FromTimeSpan(outboxOptions.Value.InFlightGrace);
        if (published is not null && marker.Value.Marking is { } marking && marking != published.OutboxMarking && !settled)
        {
            return; // its change has not written the appointment yet: that change publishes it, or the sweeper once settled
        }

        await markers.TryReplaceAsync(marker.Key, marker.Value with { Ended = true }, marker.ETag, time.GetCurrentInstant() + Duration.FromDays(1), ct);
    }

    /// <summary>
    /// Publishes after a successful change without failing it: the change is done whatever the bus says,
    /// and a marker stays for the sweeper when sending fails.
    /// </summary>
    public Task TryPublishAsync(string appointmentId, CancellationToken ct) => TryPublishAsync(appointmentId, filed: false, ct);

    /// <summary>The same, by a caller that filed the appointment first (<paramref name="filed"/>).</summary>
    public async Task TryPublishAsync(string appointmentId, bool filed, CancellationToken ct)
    {
        try
        {
            await PublishAsync(appointmentId, filed, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeferred(appointmentId, e.GetType().FullName ?? "unknown");
        }
    }

    /// <summary>
    /// Whether the change that wrote <paramref name="appointment"/>'s pending events may still be sending them (its request
    /// or the work it handed off): a repeat of that request then leaves them to it, or to the sweeper once the grace has
    /// passed, rather than sending them a second time.
    /// </summary>
    public bool MayStillBeInFlight(Appointment appointment) =>
        appointment.UpdatedAt > time.GetCurrentInstant() - Duration.FromTimeSpan(outboxOptions.Value.InFlightGrace);

    /// <summary>
    /// Publishes whatever a crash left behind; returns how many appointments it published. One appointment (or
    /// shard) that fails is left for the next sweep and does not stop the others.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var published = 0;
        var settled = time.GetCurrentInstant() - Duration.FromTimeSpan(outboxOptions.Value.InFlightGrace);
        for (var shard = 0; shard < OutboxKeys.Shards; shard++)
        {
            IReadOnlyList<Versioned<OutboxMarker>> shardMarkers;
            try
            {
                shardMarkers = await markers.ReadPartitionAsync(OutboxKeys.Shard(shard), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogShardFailed(shard, e.GetType().FullName ?? "unknown");
                continue;
            }

            foreach (var marker in shardMarkers.Where(m => !m.Value.Ended && m.Value.Since <= settled))
            {
                try
                {
                    if (marker.Value.ToFile)
                    {
                        await filing.FileAsync(marker.Value.AppointmentId, ct);
                    }

                    await PublishAsync(marker.Value.AppointmentId, filed: true, ct);
                    published++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDeferred(marker.Value.AppointmentId, e.GetType().FullName ?? "unknown");
                }
            }
        }

        return published;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading outbox shard {Shard} failed with {ExceptionType}; the next sweep will retry")]
    private partial void LogShardFailed(int shard, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing events of appointment {AppointmentId} failed with {ExceptionType}; the outbox sweeper will retry")]
    private partial void LogDeferred(string appointmentId, string exceptionType);
}
