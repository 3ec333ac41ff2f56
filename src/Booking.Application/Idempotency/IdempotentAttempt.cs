namespace Booking.Application.Idempotency;

/// <summary>
/// One run of an operation under an idempotency key: <see cref="OperationId"/> is the id the first attempt chose;
/// <see cref="IsFirst"/> says this request just claimed the key, so nothing the operation writes under that id can exist yet.
/// </summary>
public sealed record IdempotentAttempt(string OperationId, bool IsFirst);
