using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>Hours a practitioner receives on every <see cref="Day"/> of the week, in their zone.</summary>
public sealed record OpeningHours(IsoDayOfWeek Day, LocalTimeRange Hours);
