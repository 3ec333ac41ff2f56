namespace Booking.Application.Common;

public enum FailureKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Unprocessable,
}
