using Booking.Application.Booking;
using Booking.Application.Idempotency;
using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Partners;
using Booking.Application.Privacy;
using Booking.Application.Reminders;
using Booking.Application.Retention;
using Booking.Domain.Partners;
using Booking.Application.Practitioners;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// Which container holds each document type, by logical name (a key of <c>Cosmos:Containers</c>).
/// Types that share a container share nothing else: items carry their type, and their keys differ.
/// A feature that adds a document type adds one line to <see cref="Default"/>.
/// </summary>
public sealed class CosmosContainerMap
{
    private readonly Dictionary<Type, string> _logicalNames = [];

    public static CosmosContainerMap Default => new CosmosContainerMap()
        .Map<Practitioner>("Practitioners")
        .Map<PractitionerDay>("Practitioners")
        .Map<DirectoryEntry>("Directory")
        .Map<Application.Search.AvailabilitySummary>("Directory")
        .Map<Appointment>("Appointments")
        .Map<PatientAppointmentLink>("Patients")
        .Map<Application.Holds.HoldLedger>("Patients")
        .Map<Application.Waitlist.WaitlistLedger>("Patients")
        .Map<Application.Waitlist.WaitlistEntry>("Waitlist")
        .Map<Application.Waitlist.WaitlistWatch>("Waitlist")
        .Map<IdempotencyRecord>("Idempotency")
        .Map<WrappedDataKey>("DataKeys")
        .Map<Partner>("Partners")
        .Map<DeliveryRecord>("Deliveries")
        .Map<WebhookAttempt>("Deliveries")
        .Map<PartnerReadWindow>("Partners")
        .Map<PartnerRateWindow>("RateLimits")
        .Map<ReminderDue>("Reminders")
        .Map<AppointmentRetention>("Appointments")
        .Map<PurgeCursor>("Appointments");

    /// <summary>Every logical container name mapped so far, each once.</summary>
    public IReadOnlyCollection<string> LogicalNames => _logicalNames.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public CosmosContainerMap Map<T>(string logicalName)
        where T : class
    {
        _logicalNames[typeof(T)] = logicalName;
        return this;
    }

    public string LogicalNameOf(Type documentType) =>
        _logicalNames.TryGetValue(documentType, out var name)
            ? name
            : throw new InvalidOperationException($"No Cosmos container is mapped for {documentType.Name}: add it to {nameof(CosmosContainerMap)}.");
}
