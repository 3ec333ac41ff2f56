using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>
/// Wraps a real store and makes chosen writes fail once — standing in for a process that dies between two
/// steps of a use case. Counts the reads (point reads and partition queries) that reach it.
/// </summary>
public sealed class FlakyStore<T>(IDocumentStore<T> inner) : IDocumentStore<T>
    where T : class
{
    public int FailNextCreates { get; set; }

    public int FailNextReplaces { get; set; }

    /// <summary>Replaces that still go through before <see cref="FailNextReplaces"/> starts failing them.</summary>
    public int ReplacesBeforeFailing { get; set; }

    private int _reads;

    /// <summary>Point reads and partition queries so far.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Runs once, just after the next point read returned from the store: a rival that acts on what was just read.</summary>
    public Func<Task>? AfterNextRead { get; set; }

    public async Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        var read = await inner.ReadAsync(key, cancellationToken);
        if (AfterNextRead is { } rival)
        {
            AfterNextRead = null;
            await rival();
        }

        return read;
    }

    /// <summary>
    /// Runs once, just before the next conditional write (create or replace) reaches the store: a rival request
    /// that writes between this one's read and its write.
    /// </summary>
    public Func<Task>? BeforeNextWrite { get; set; }

    public async Task<string?> TryCreateAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken)
    {
        await RunRivalAsync();
        return FailNextCreates-- > 0 ? throw new CrashException() : await inner.TryCreateAsync(key, document, expiresAt, cancellationToken);
    }

    public async Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken)
    {
        await RunRivalAsync();
        return ReplacesBeforeFailing-- <= 0 && FailNextReplaces-- > 0
            ? throw new CrashException()
            : await inner.TryReplaceAsync(key, document, ifMatch, expiresAt, cancellationToken);
    }

    public int FailNextUpserts { get; set; }

    public Task<string> UpsertAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken) =>
        FailNextUpserts-- > 0 ? throw new CrashException() : inner.UpsertAsync(key, document, expiresAt, cancellationToken);

    public Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task PurgeHistoryAsync(CancellationToken cancellationToken) => inner.PurgeHistoryAsync(cancellationToken);

    /// <summary>Partitions whose reads fail (a store briefly unavailable for them) while this says so.</summary>
    public Func<string, bool>? FailPartitionReads { get; set; }

    public Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return FailPartitionReads?.Invoke(partition) == true ? throw new CrashException() : inner.ReadPartitionAsync(partition, cancellationToken);
    }

    private async Task RunRivalAsync()
    {
        if (BeforeNextWrite is { } rival)
        {
            BeforeNextWrite = null;
            await rival();
        }
    }
}

public sealed class CrashException : Exception
{
    public CrashException()
        : base("simulated crash")
    {
    }
}
