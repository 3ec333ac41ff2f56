namespace Booking.ServiceBusStandIn.Configuration;

/// <summary>A subscription rule with a SQL filter (the only filter type the stand-in reads).</summary>
public sealed record RuleDefinition(string Name, string SqlExpression);
