using Booking.Domain.Common;

namespace Booking.Domain.Practitioners;

/// <summary>The parts of a slot id as a client sent it; whether it names a real slot is checked against the schedule.</summary>
public sealed record SlotId(string PractitionerId, string DayToken, string SlotToken)
{
    public const int MaxLength = 64;

    public static SlotId? TryParse(string? value)
    {
        // Stryker disable once Equality : equivalent; a well-formed id has 44 characters, so one of exactly 64 is refused below either way.
        if (value is null || value.Length > MaxLength)
        {
            return null;
        }

        var parts = value.Split('.');
        return parts.Length == 3
               && OpaqueId.IsWellFormed(parts[0])
               && parts[1].Length == 8 && parts[1].All(Base64Url.IsAlphabetChar)
               && parts[2].Length == 12 && parts[2].All(Base64Url.IsAlphabetChar)
            ? new SlotId(parts[0], parts[1], parts[2])
            : null;
    }

    public override string ToString() => $"{PractitionerId}.{DayToken}.{SlotToken}";
}
