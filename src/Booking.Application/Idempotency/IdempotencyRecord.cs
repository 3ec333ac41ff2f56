namespace Booking.Application.Idempotency;

/// <summary>
/// What became of one idempotency key of one caller. <see cref="Fingerprint"/> is a salted SHA-256 of the
/// validated request, so the record holds no personal data; <see cref="OperationId"/> is the id the first
/// attempt chose (a retry after a crash resumes with it). <see cref="OutcomeJson"/> is set once it finished.
/// </summary>
public sealed record IdempotencyRecord(string Salt, string Fingerprint, string OperationId, string? OutcomeJson);
