namespace Booking.Infrastructure.Tests.Embedded;

/// <summary>A small document for store tests; stored in the "note" collection.</summary>
public sealed record Note(string Text);
