using Booking.Domain.Practitioners;

namespace Booking.Application.Schedules;

public sealed record PublishScheduleCommand(string PractitionerId, ScheduleDraft Draft);
