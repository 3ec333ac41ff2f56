namespace Booking.ServiceBusStandIn.Entities;

/// <summary>What a receiver asked for a locked message.</summary>
internal enum SettlementKind { Complete, Abandon, DeadLetter, Defer, Release }

internal sealed record Settlement(
    SettlementKind Kind,
    IReadOnlyDictionary<string, object?> PropertiesToModify,
    string? DeadLetterReason = null,
    string? DeadLetterErrorDescription = null);
