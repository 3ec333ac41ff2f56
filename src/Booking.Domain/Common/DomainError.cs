namespace Booking.Domain.Common;

/// <summary>An expected failure of a rule, with the field it concerns when there is one.</summary>
public sealed record DomainError(string Code, string Message, string? Field = null);
