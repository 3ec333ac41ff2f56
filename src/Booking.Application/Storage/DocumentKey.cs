namespace Booking.Application.Storage;

/// <summary>Where a document lives: its partition (the unit a query may scan) and its id within it.</summary>
public readonly record struct DocumentKey(string Partition, string Id);
