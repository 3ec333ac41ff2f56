using System.Globalization;
using Booking.Application.Booking;
using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Privacy;
using Booking.Application.Reminders;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using NodaTime;
using NodaTime.Text;

namespace Booking.Application.Tests;

/// <summary>
/// A new KEK epoch begins while patients book and notifications open their details: the re-wrap runs alongside bookings
/// (new patients, whose data keys are being created, and returning ones, whose keys it moves), confirmations and
/// reminders; then the old KEK is retired. Every booking still opens and every notification went once, to the right
/// address, saying the right time.
/// </summary>
public sealed class KekRotationUnderTrafficTests : IDisposable
{
    private static readonly KekEpoch October = KekEpoch.Containing(Instant.FromUtc(2026, 10, 1, 0, 0), 1);
    private static readonly KekEpoch November = KekEpoch.Containing(Instant.FromUtc(2026, 11, 1, 0, 0), 1);
    private static readonly LocalDateTimePattern When = LocalDateTimePattern.Create("dddd d MMMM uuuu 'at' HH':'mm", CultureInfo.GetCultureInfo("en-GB"));
    private readonly BookingWorld _world = new(
        new DateTimeOffset(2026, 10, 31, 22, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Privacy:BackupRetentionHours"] = "1" });

    private readonly List<(string PatientId, int Person, Appointment Appointment)> _booked = [];
    private int _notified;

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task EveryBookingOpensAndEveryNotificationGoesOnceWithItsOwnDetailsWhenTheKekIsRotatedAndRetiredAmidTraffic()
    {
        var slots = new Queue<SlotPlacement>();
        foreach (var practitioner in new[] { await PractitionerAsync(), await PractitionerAsync() })
        {
            (await _world.SlotsAsync(practitioner, "2026-11-01", "2026-11-01")).ToList().ForEach(s => slots.Enqueue(s.Placement));
        }

        for (var person = 0; person < 16; person++)
        {
            await BookAsync(person, slots.Dequeue());
        }

        Assert.Equal([October], (await _world.KeyRing.ListAsync(default)).Select(e => e.Epoch));
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 0, 10, 0, TimeSpan.Zero)); // November's epoch is due
        var rewrap = _world.Get<RewrapDataKeys>();

        // One booking is held between sealing its patient's details (under October's KEK) and writing its appointment
        // while a whole re-wrap runs; the rest go at once, alongside more re-wraps, confirmations and reminders.
        var rewrapsDuringABooking = 0;
        _world.Appointments.BeforeNextWrite = async () =>
        {
            await rewrap.RunAsync(default);
            rewrapsDuringABooking++;
        };
        var bookings = Task.WhenAll(Enumerable.Range(0, 32).Select(i => (Person: i < 16 ? 100 + i : i - 16, Slot: slots.Dequeue()))
            .Select(b => Task.Run(() => BookAsync(b.Person, b.Slot))));
        await Task.WhenAll(
            bookings,
            Task.Run(async () =>
            {
                do
                {
                    await rewrap.RunAsync(default);
                }
                while (!bookings.IsCompleted);
            }),
            Task.Run(async () =>
            {
                do
                {
                    await NotifyNewEventsAsync();
                }
                while (!bookings.IsCompleted);
            }),
            Task.Run(async () =>
            {
                do
                {
                    await _world.Get<SendReminders>().RunAsync(default);
                }
                while (!bookings.IsCompleted);
            }));
        Assert.Equal(1, rewrapsDuringABooking);

        // The old KEK goes once no live data key has used it for the backups' retention; late keys restart that wait.
        for (var hours = 0; hours < 6 && (await _world.KeyRing.ListAsync(default)).Count > 1; hours++)
        {
            _world.Clock.Advance(TimeSpan.FromHours(2));
            await rewrap.RunAsync(default);
        }

        Assert.Equal([November], (await _world.KeyRing.ListAsync(default)).Select(e => e.Epoch));
        await _world.WhenFiledAsync();
        await NotifyNewEventsAsync();
        await _world.Get<SendReminders>().RunAsync(default);
        Assert.Equal(48, _booked.Count);
        foreach (var (patientId, person, appointment) in _booked)
        {
            var view = await _world.Get<PersonalDataDoor>().OpenAsync(BookingWorld.Operator, "test", appointment, default);
            Assert.Equal(($"First{person}", Email(person), Phone(person)), (view.Patient?.FirstName, view.Patient?.Email, view.Patient?.Phone));
            var when = When.Format(appointment.Placement.Time.Start.InZone(DateTimeZoneProviders.Tzdb["Europe/Paris"]).LocalDateTime);
            foreach (var kind in new[] { "confirmation", "reminder" })
            {
                var email = Assert.Single(_world.Email.Sent, n => n.AppointmentId == appointment.Id && n.Kind == kind);
                var sms = Assert.Single(_world.Sms.Sent, n => n.AppointmentId == appointment.Id && n.Kind == kind);
                Assert.Equal((Email(person), Phone(person)), (email.To, sms.To));
                Assert.Contains(when, email.Body, StringComparison.Ordinal);
                Assert.Contains(when, sms.Body, StringComparison.Ordinal);
            }

            var key = await _world.Get<IDocumentStore<WrappedDataKey>>().ReadAsync(DataKeyKeys.For(DataKeyOwner.Patient(patientId)), default);
            Assert.Equal((await _world.KeyRing.NewestAsync(default)).Version, key!.Value.KekVersion);
        }
    }

    private async Task<Domain.Practitioners.Practitioner> PractitionerAsync() =>
        await _world.PractitionerAsync(BookingWorld.EveryDay("06:00", "23:00"));

    private async Task BookAsync(int person, SlotPlacement slot)
    {
        var patient = BookingWorld.Patient($"person-{person}");
        var booked = await _world.Get<BookAppointment>().HandleAsync(patient, $"key-{slot.SlotId}", new BookAppointmentCommand(
            slot.SlotId, new PatientInput($"First{person}", "Martin", Email(person), Phone(person), "1990-01-01"), "Suivi", new ConsentInput(true, true)), default);
        Assert.True(booked.Succeeded, booked.Failure?.Detail);
        var appointment = (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(booked.Value.AppointmentId!), default))!.Value;
        lock (_booked)
        {
            _booked.Add((appointment.PatientId, person, appointment));
        }
    }

    // The bus's confirmations not handled yet, each on both channels, as the notification subscriptions would.
    private async Task NotifyNewEventsAsync()
    {
        foreach (var (_, message) in _world.Bus.Sent.Skip(_notified).ToList())
        {
            _notified++;
            if (EventMessage.Parse(message.Body) is { } e)
            {
                foreach (var channel in new[] { NotificationChannel.Email, NotificationChannel.Sms })
                {
                    await _world.Get<NotifyAppointmentEvent>().HandleAsync(e, channel, default);
                }
            }
        }
    }

    private static string Email(int person) => $"person{person}@example.org";

    private static string Phone(int person) => $"+336{person:D8}";
}
