namespace Booking.ServiceBusStandIn.Configuration;

public sealed record QueueDefinition(string Name, EntitySettings Settings, DuplicateDetection DuplicateDetection);
