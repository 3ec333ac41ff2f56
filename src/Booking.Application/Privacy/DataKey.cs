namespace Booking.Application.Privacy;

/// <summary>A patient's unwrapped data key and the KEK version that wraps it in the store.</summary>
public sealed record DataKey(byte[] Key, string KekVersion);
