namespace Booking.Application.Idempotency;

/// <summary>
/// What became of one idempotency key of one caller. <see cref="Fingerprint"/> is a blind index (keyed
/// HMAC) of the validated request, so the record holds no personal data and can't be tested against guesses; <see cref="OperationId"/> is the id the first
/// attempt chose (a retry after a crash resumes with it). <see cref="OutcomeJson"/> is set once it finished.
/// </summary>
public sealed record IdempotencyRecord(string Fingerprint, string OperationId, string? OutcomeJson);
