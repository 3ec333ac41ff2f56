namespace Booking.Faults;

/// <summary>
/// A failure of the bus or a notification provider made by fault injection; stores fail with
/// <see cref="Application.Storage.StoreUnavailableException"/> as their adapters do.
/// </summary>
public sealed class InjectedFaultException(string message) : Exception(message);

/// <summary>A call that did its work and then failed, as if the process died just after it.</summary>
public sealed class InjectedCrashException(string message) : Exception(message);
