namespace Booking.Application.Common;

public enum Role
{
    Patient,
    Practitioner,
    Operator,
}
