using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Schedules;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Application.Tests;

/// <summary>The use cases wired to the embedded store, a fake clock, and stores that can be told to fail.</summary>
public sealed class BookingWorld : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="keyRing">A key ring to share with another world (a store restored from a backup); by default its own, in memory.</param>
    public BookingWorld(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null, Infrastructure.KeyVault.LocalKeyRing? keyRing = null)
    {
        Clock = new FakeTimeProvider(now);
        KeyRing = keyRing ?? new(Clock);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddApplication(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new EmbeddedStorageOptions()));
        services.AddSingleton<EmbeddedDatabase>();
        services.AddSingleton(KeyRing);
        services.AddSingleton<Privacy.IKeyRing>(KeyRing);
        services.AddSingleton<Privacy.IKekEpochs>(KeyRing);
        services.AddSingleton<Privacy.IFieldCipher, Infrastructure.Crypto.AesGcmFieldCipher>();
        services.AddSingleton<Privacy.IAccessLog>(AccessLog);
        services.AddSingleton<Notifications.INotificationSender>(Email);
        services.AddSingleton<Notifications.INotificationSender>(Sms);
        services.AddSingleton(Bus);
        services.AddSingleton<Messaging.IMessageBus>(Bus);
        services.AddSingleton<Messaging.IDeadLetterQueue>(DeadLetters);
        services.AddSingleton<Partners.IWebhookClient>(Webhooks);
        services.AddSingleton(typeof(EmbeddedDocumentStore<>));
        services.AddSingleton(sp => new FlakyStore<PractitionerDay>(sp.GetRequiredService<EmbeddedDocumentStore<PractitionerDay>>()));
        services.AddSingleton<IDocumentStore<PractitionerDay>>(sp => sp.GetRequiredService<FlakyStore<PractitionerDay>>());
        services.AddSingleton(sp => new FlakyStore<Appointment>(sp.GetRequiredService<EmbeddedDocumentStore<Appointment>>()));
        services.AddSingleton<IDocumentStore<Appointment>>(sp => sp.GetRequiredService<FlakyStore<Appointment>>());
        services.AddSingleton(sp => new FlakyStore<Reminders.ReminderDue>(sp.GetRequiredService<EmbeddedDocumentStore<Reminders.ReminderDue>>()));
        services.AddSingleton<IDocumentStore<Reminders.ReminderDue>>(sp => sp.GetRequiredService<FlakyStore<Reminders.ReminderDue>>());
        services.AddSingleton(sp => new FlakyStore<Practitioner>(sp.GetRequiredService<EmbeddedDocumentStore<Practitioner>>()));
        services.AddSingleton<IDocumentStore<Practitioner>>(sp => sp.GetRequiredService<FlakyStore<Practitioner>>());
        services.AddSingleton(sp => new FlakyStore<DirectoryEntry>(sp.GetRequiredService<EmbeddedDocumentStore<DirectoryEntry>>()));
        services.AddSingleton<IDocumentStore<DirectoryEntry>>(sp => sp.GetRequiredService<FlakyStore<DirectoryEntry>>());
        foreach (var type in new[] { typeof(PatientAppointmentLink), typeof(Idempotency.IdempotencyRecord), typeof(Privacy.WrappedDataKey), typeof(Notifications.DeliveryRecord), typeof(Retention.AppointmentRetention), typeof(Retention.PurgeCursor), typeof(Domain.Partners.Partner), typeof(Partners.PartnerReadWindow), typeof(Partners.WebhookAttempt), typeof(Waitlist.WaitlistEntry), typeof(Waitlist.WaitlistLedger), typeof(Waitlist.WaitlistWatch), typeof(Holds.HoldLedger), typeof(Search.AvailabilitySummary) })
        {
            services.AddSingleton(typeof(IDocumentStore<>).MakeGenericType(type), sp => sp.GetRequiredService(typeof(EmbeddedDocumentStore<>).MakeGenericType(type)));
        }

        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public Infrastructure.KeyVault.LocalKeyRing KeyRing { get; }

    public FlakyBus Bus { get; } = new();

    public Infrastructure.AccessLog.FileAccessLog AccessLog { get; } = new(null);

    public StoredDeadLetters DeadLetters { get; } = new();

    public RecordingWebhooks Webhooks { get; } = new();

    public RecordingSender Email { get; } = new(Notifications.NotificationChannel.Email);

    public RecordingSender Sms { get; } = new(Notifications.NotificationChannel.Sms);

    public FlakyStore<PractitionerDay> Days => _services.GetRequiredService<FlakyStore<PractitionerDay>>();

    public FlakyStore<Practitioner> Practitioners => _services.GetRequiredService<FlakyStore<Practitioner>>();

    public FlakyStore<DirectoryEntry> Directory => _services.GetRequiredService<FlakyStore<DirectoryEntry>>();

    public FlakyStore<Appointment> Appointments => _services.GetRequiredService<FlakyStore<Appointment>>();

    public FlakyStore<Reminders.ReminderDue> ReminderIndex => _services.GetRequiredService<FlakyStore<Reminders.ReminderDue>>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static Caller Operator { get; } = new("ops", Role.Operator);

    public static Caller Patient(string subject = "patient-1") => new(subject, Role.Patient);

    public async Task<Practitioner> PractitionerAsync(ScheduleDraft schedule, string timeZone = "Europe/Paris")
    {
        var registered = await Get<RegisterPractitioner>().HandleAsync(Operator, new RegisterPractitionerCommand("Dr Test", "Psychiatrie", "Paris", timeZone), default);
        var published = await Get<PublishSchedule>().HandleAsync(Operator, new PublishScheduleCommand(registered.Value!.PractitionerId, schedule), default);
        Assert.True(published.Succeeded, published.Failure?.Detail);
        return (await Get<IDocumentStore<Practitioner>>().ReadAsync(PractitionerKeys.Profile(registered.Value.PractitionerId), default))!.Value;
    }

    public static ScheduleDraft EveryDay(string start, string end, string timeZone = "Europe/Paris", int slotMinutes = 30, int horizon = 28, int notice = 60) =>
        new(timeZone, slotMinutes,
            Enum.GetNames<NodaTime.IsoDayOfWeek>().Where(d => d != "None").Select(d => new ScheduleDraft.Opening(d.ToLowerInvariant(), start, end)).ToList<ScheduleDraft.Opening?>(),
            [], horizon, notice);

    /// <summary>Every free slot of the range, following the pages to the last.</summary>
    public async Task<IReadOnlyList<FreeSlot>> SlotsAsync(Practitioner practitioner, string? from = null, string? to = null)
    {
        var slots = new List<FreeSlot>();
        string? cursor = null;
        do
        {
            var listed = await Get<ListFreeSlots>().HandleAsync(new ListFreeSlotsQuery(practitioner.Id, from, to, new Paging.PageRequest(null, cursor)), default);
            Assert.True(listed.Succeeded, listed.Failure?.Detail);
            slots.AddRange(listed.Value.Slots);
            cursor = listed.Value.Next;
        }
        while (cursor is not null);

        return slots;
    }

    /// <summary>Books, and returns once the booking's filing (handed off its request path) is done too.</summary>
    public async Task<Outcome<BookingReceipt>> BookAsync(Caller patient, string slotId, string key = "key-1", string firstName = "Zoé")
    {
        var outcome = await Get<BookAppointment>().HandleAsync(patient, key, new BookAppointmentCommand(
            slotId, new PatientInput(firstName, "Martin", "zoe@example.org", "+33612345678", "1990-01-01"), null, new ConsentInput(true, true)), default);
        await WhenFiledAsync();
        return outcome;
    }

    /// <summary>Returns once the work bookings handed off their request path is done.</summary>
    public Task WhenFiledAsync() => Get<Common.BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(10));

    public void Dispose() => _services.Dispose();
}
