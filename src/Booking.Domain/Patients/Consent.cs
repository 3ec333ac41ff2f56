namespace Booking.Domain.Patients;

/// <summary>The channels the patient agreed to be contacted on about this appointment.</summary>
public sealed record Consent(bool Email, bool Sms)
{
    public static Consent None { get; } = new(false, false);
}
