namespace Booking.Application.Storage;

/// <summary>A stored document and the ETag that a conditional write must present to replace it.</summary>
public sealed record Versioned<T>(DocumentKey Key, T Value, string ETag);
