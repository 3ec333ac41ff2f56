using NodaTime;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>What the contract tests store: a field named like Cosmos's own, a NodaTime value and a list.</summary>
public sealed record ContractDocument(string Id, string Name, int Count, Instant At, IReadOnlyList<string> Tags)
{
    public static ContractDocument Named(string name, int count = 0) =>
        new("doc-own-id", name, count, Instant.FromUtc(2026, 3, 29, 1, 30), ["a", "b"]);
}
