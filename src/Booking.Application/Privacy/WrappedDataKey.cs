using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>A data key as stored: only ever wrapped by a KEK, whose version it names. <paramref name="Owner"/> is a <see cref="DataKeyOwner"/>'s name.</summary>
public sealed record WrappedDataKey(string Owner, string KekVersion, string Wrapped, Instant CreatedAt);
