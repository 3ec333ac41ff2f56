namespace Booking.Faults;

/// <summary>What an injected fault does to one call.</summary>
public enum FaultKind
{
    /// <summary>The call goes through untouched.</summary>
    None,

    /// <summary>The call fails at once and does nothing (a refused connection, a 503).</summary>
    Transient,

    /// <summary>The call hangs for the configured time, then fails, and does nothing.</summary>
    Timeout,

    /// <summary>The call does its work, then fails: the caller cannot tell it happened (a crash between two steps).</summary>
    CrashAfter,
}

/// <summary>The kind of dependency a fault is injected into.</summary>
public enum FaultTarget
{
    Store,
    Bus,
    Notifications,
}
