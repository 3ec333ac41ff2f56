namespace Booking.Domain.Patients;

/// <summary>The personal data fields the application seals, named as the access log records them.</summary>
public enum PersonalField
{
    FirstName,
    LastName,
    Email,
    Phone,
    BirthDate,
    Reason,
}
