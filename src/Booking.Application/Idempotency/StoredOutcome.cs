using Booking.Application.Common;

namespace Booking.Application.Idempotency;

/// <summary>The serialisable form of an <see cref="Outcome{T}"/>, as an idempotency record keeps it.</summary>
public sealed record StoredOutcome<T>(T? Value, Failure? Failure)
{
    public static StoredOutcome<T> From(Outcome<T> outcome) => new(outcome.Value, outcome.Failure);

    public Outcome<T> ToOutcome() => Failure is not null ? Failure : Value!;
}
