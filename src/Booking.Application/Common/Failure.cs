using Booking.Domain.Common;

namespace Booking.Application.Common;

/// <summary>
/// Why a use case did not do what was asked. <see cref="Code"/> names the problem type
/// (it ends the problem+json <c>type</c> URI); <see cref="Detail"/> never holds personal data.
/// </summary>
public sealed record Failure(FailureKind Kind, string Code, string Detail, IReadOnlyList<DomainError>? Errors = null)
{
    public static Failure Validation(IReadOnlyList<DomainError> errors) =>
        new(FailureKind.Validation, "validation", "The request has invalid fields.", errors);

    public static Failure Validation(string field, string message) =>
        Validation([new DomainError("invalid", message, field)]);

    public static Failure NotFound(string what) => new(FailureKind.NotFound, "not-found", $"No {what} with this id.");

    public static Failure Forbidden(string detail) => new(FailureKind.Forbidden, "forbidden", detail);

    public static Failure SlotTaken(string detail = "This slot is no longer free. Pick another one.") =>
        new(FailureKind.Conflict, "slot-taken", detail);
}
