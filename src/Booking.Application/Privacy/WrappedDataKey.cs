using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>A patient's data key as stored: only ever wrapped by a KEK, whose version it names.</summary>
public sealed record WrappedDataKey(string PatientId, string KekVersion, string Wrapped, Instant CreatedAt);
