using Booking.Application.Booking;
using Booking.Application.Idempotency;
using Booking.Application.ManageLinks;
using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Paging;
using Booking.Application.Partners;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Reminders;
using Booking.Application.Retention;
using Booking.Application.Schedules;
using Booking.Application.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Booking.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().Configure(o =>
        {
            if (int.TryParse(configuration["Retention:IdempotencyHours"], System.Globalization.CultureInfo.InvariantCulture, out var hours))
            {
                o.RetentionHours = hours;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdempotencyGuard>();
        services.AddSingleton<PageCursors>();
        services.AddSingleton<SlotOffers>();
        services.AddSingleton<SlotCatalog>();
        services.AddSingleton<SlotHolder>();
        services.AddSingleton<PractitionerSlotKeys>();
        services.AddSingleton<BookingSlotReader>();
        services.AddSingleton<AppointmentAccess>();
        services.AddSingleton<AppointmentUpdater>();
        services.AddSingleton<LeftSlotReleaser>();
        services.AddSingleton<RegisterPractitioner>();
        services.AddSingleton<GetPractitioner>();
        services.AddSingleton<PublishSchedule>();
        services.AddSingleton<GetAgenda>();
        services.AddSingleton<ListFreeSlots>();
        services.AddSingleton<SearchPractitioners>();
        services.AddSingleton<SearchBySummary>();
        services.AddSingleton<AvailabilitySummaries>();
        services.AddSingleton<SummaryRefreshQueue>();
        services.AddSingleton<RefreshSummaryOnAppointmentEvent>();
        services.AddSingleton<VisitRules>();
        services.AddOptions<Holds.HoldOptions>().Bind(configuration.GetSection("Holds"));
        services.AddSingleton<Holds.PlaceHold>();
        services.AddSingleton<Holds.ReleaseHold>();
        services.AddSingleton<BookAppointment>();
        services.AddSingleton<AppointmentFiling>();
        services.AddSingleton<PatientAppointmentIds>();
        services.AddSingleton<Common.BackgroundWork>();
        services.AddOptions<Waitlist.WaitlistOptions>().Bind(configuration.GetSection("Waitlist"));
        services.AddSingleton<Waitlist.PatientWaitlist>();
        services.AddSingleton<Waitlist.JoinWaitlist>();
        services.AddSingleton<Waitlist.ListMyWaitlist>();
        services.AddSingleton<Waitlist.GetWaitlistEntry>();
        services.AddSingleton<Waitlist.LeaveWaitlist>();
        services.AddSingleton<Waitlist.OfferTokens>();
        services.AddSingleton<Waitlist.OfferNotifier>();
        services.AddSingleton<Waitlist.OfferFreedSlots>();
        services.AddSingleton<Waitlist.AnswerOffer>();
        services.AddSingleton<GetAppointment>();
        services.AddSingleton<CancelAppointment>();
        services.AddSingleton<RescheduleAppointment>();
        services.AddSingleton<ListMyAppointments>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Retention"));
        services.AddSingleton<PurgeExpiredData>();
        services.AddSingleton<AppointmentRetentionPlanner>();
        services.AddSingleton<IRetentionPurger, PurgeExpiredAppointments>();
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection("Reminders"));
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<SendReminders>();
        services.AddOptions<ManageLinkOptions>().Bind(configuration.GetSection("ManageLinks"));
        services.AddSingleton<ManageLinkTokens>();
        services.AddSingleton<ManageAppointmentByLink>();
        services.AddSingleton<DataKeys>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<PersonalDataDoor>();
        services.AddSingleton<ExportMyData>();
        services.AddSingleton<EraseMe>();
        services.AddOptions<KekEpochOptions>().Bind(configuration.GetSection("Privacy"));
        services.AddSingleton<RewrapDataKeys>();
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection("ServiceBus"));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));
        services.AddSingleton<OutboxPublisher>();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection("Notifications"));
        services.AddSingleton<PatientNotifier>();
        services.AddSingleton<NotifyAppointmentEvent>();
        services.AddSingleton<PartnerSecrets>();
        services.AddSingleton<PartnerAuthenticator>();
        services.AddSingleton<RegisterPartner>();
        services.AddSingleton<SetPartnerSuspension>();
        services.AddSingleton<GetPartner>();
        services.AddSingleton<GetPartnerAppointment>();
        services.AddSingleton<ProcessPartnerBookingRequest>();
        services.AddSingleton<NotifyPartnerWebhook>();
        services.AddOptions<WebhookTargetOptions>(); // set by the infrastructure from the environment, not from settings
        services.AddSingleton<RedriveDeadLetters>();
        services.AddSingleton<MessageRefusals>();
        services.AddSingleton<EventConsumer>();
        services.AddOptions<PartnerOptions>().Bind(configuration.GetSection("Partners"));
        services.AddSingleton<BulkReadAlarm>();
        services.AddSingleton<PartnerRateLimit>();
        services.AddSingleton<ManagePartnerKeys>();
        services.AddSingleton<Operators.BuildBreachReport>();
        services.AddSingleton<ISentNotificationLog, DeliveryLog>();
        return services;
    }
}
