namespace Booking.Infrastructure.Embedded;

/// <summary>Another process holds the embedded store's data directory. The message is one line naming both.</summary>
public sealed class DataDirectoryInUseException(string message, Exception inner) : Exception(message, inner);
