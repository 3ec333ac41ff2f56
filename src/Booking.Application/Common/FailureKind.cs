namespace Booking.Application.Common;

public enum FailureKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Unprocessable,

    /// <summary>The request's content is in a format the API does not read (HTTP 415).</summary>
    UnsupportedMediaType,
}
