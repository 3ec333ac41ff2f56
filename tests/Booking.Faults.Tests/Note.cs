namespace Booking.Faults.Tests;

/// <summary>A small document for the store decorator tests; stored in the "note" collection.</summary>
public sealed record Note(string Text);
