namespace Booking.Application.Storage;

public static class DocumentStoreUpdates
{
    /// <summary>
    /// Writes <paramref name="document"/> over what was <paramref name="read"/>: created if nothing was, else replaced only if
    /// unchanged since (its ETag). Null when another writer got there first.
    /// </summary>
    public static Task<string?> TryWriteOverAsync<T>(
        this IDocumentStore<T> store, DocumentKey key, Versioned<T>? read, T document, NodaTime.Instant? expiresAt, CancellationToken ct)
        where T : class =>
        read is null ? store.TryCreateAsync(key, document, expiresAt, ct) : store.TryReplaceAsync(key, document, read.ETag, expiresAt, ct);

    /// <summary>
    /// Applies <paramref name="change"/> by read, change, replace-if-unchanged (ETag), re-read and retried when
    /// another writer got there first. A change that returns the same instance writes nothing. Null when the
    /// document does not exist.
    /// </summary>
    public static async Task<T?> UpdateAsync<T>(this IDocumentStore<T> store, DocumentKey key, Func<T, T> change, CancellationToken ct)
        where T : class
    {
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(key, ct);
            if (stored is null)
            {
                return null;
            }

            var changed = change(stored.Value);
            if (ReferenceEquals(changed, stored.Value) || await store.TryReplaceAsync(key, changed, stored.ETag, null, ct) is not null)
            {
                return changed;
            }

            await ConcurrencyLimits.AfterLostRaceAsync(attempt, ct);
        }

        throw new StoreUnavailableException($"A {typeof(T).Name} kept changing under concurrent updates.");
    }
}
