using Booking.Application.Storage;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// The practitioner's days as one summary refresh reads them: each day once (every visit type's slots come from the
/// same days), and the holds they carry, whose expiry frees slots without any write.
/// </summary>
internal sealed class DaysReadOnce(IDocumentStore<PractitionerDay> days) : IDocumentStore<PractitionerDay>
{
    private readonly Dictionary<DocumentKey, Versioned<PractitionerDay>?> _read = [];

    public Instant? EarliestHoldExpiry(Instant now) =>
        _read.Values.SelectMany(d => d?.Value.ActiveHolds(now) ?? []).Select(h => (Instant?)h.ExpiresAt).Min();

    public async Task<Versioned<PractitionerDay>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        if (!_read.TryGetValue(key, out var day))
        {
            day = await days.ReadAsync(key, cancellationToken);
            _read[key] = day;
        }

        return day;
    }

    public Task<string?> TryCreateAsync(DocumentKey key, PractitionerDay document, Instant? expiresAt, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<string?> TryReplaceAsync(DocumentKey key, PractitionerDay document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<string> UpsertAsync(DocumentKey key, PractitionerDay document, Instant? expiresAt, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken) => throw ReadOnly();

    public Task PurgeHistoryAsync(CancellationToken cancellationToken) => throw ReadOnly();

    public Task<IReadOnlyList<Versioned<PractitionerDay>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("A summary refresh only reads days.");
}
