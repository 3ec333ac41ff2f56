using Booking.Domain.Appointments;

namespace Booking.Application.Search;

/// <summary>A slot a patient can book now.</summary>
public sealed record FreeSlot(SlotPlacement Placement);
