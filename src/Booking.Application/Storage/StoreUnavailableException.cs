namespace Booking.Application.Storage;

/// <summary>The store could not answer in time or at all; the request may be retried. Carries no personal data.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
