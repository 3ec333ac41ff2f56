namespace Booking.Infrastructure.Tests.Storage;

/// <summary>A second kind for the contract of reads of two kinds at once: stored beside <see cref="ContractDocument"/>, shaped otherwise.</summary>
public sealed record OtherContractDocument(string Label, IReadOnlyList<int> Slots);
