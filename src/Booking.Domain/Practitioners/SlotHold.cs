namespace Booking.Domain.Practitioners;

/// <summary>A slot taken by a booked appointment.</summary>
public sealed record SlotHold(SlotTime Slot, string AppointmentId);
