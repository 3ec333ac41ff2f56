namespace Booking.Application.Idempotency;

/// <summary>A client's <c>Idempotency-Key</c>: 1 to 100 printable ASCII characters.</summary>
public static class IdempotencyKey
{
    public const int MaxLength = 100;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= '!' and <= '~');
}
