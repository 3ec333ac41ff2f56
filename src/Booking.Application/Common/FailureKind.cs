namespace Booking.Application.Common;

public enum FailureKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Unprocessable,

    /// <summary>What the request names existed but has ended for good (HTTP 410): an offer that expired or was declined.</summary>
    Gone,

    /// <summary>The request's content is in a format the API does not read (HTTP 415).</summary>
    UnsupportedMediaType,
}
