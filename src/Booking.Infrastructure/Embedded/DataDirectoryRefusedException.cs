namespace Booking.Infrastructure.Embedded;

/// <summary>The data directory cannot be used by this host as it is. The message is one line saying why and what to do.</summary>
public sealed class DataDirectoryRefusedException(string message) : Exception(message);
