namespace Booking.Domain.Practitioners;

public enum HoldOutcome
{
    /// <summary>The slot was free and is now held.</summary>
    Held,

    /// <summary>The same appointment already held it: nothing changed.</summary>
    AlreadyHeld,

    /// <summary>Another appointment holds this slot or one overlapping it.</summary>
    Taken,
}
