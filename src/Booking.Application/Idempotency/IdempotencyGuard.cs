using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Microsoft.Extensions.Options;

namespace Booking.Application.Idempotency;

/// <summary>
/// The one place duplicate requests are caught. The first request under a key claims it (create-if-absent)
/// with an operation id; a repeat with the same request gets the first outcome again, or resumes the
/// operation with the same id if the first attempt never finished; a repeat with another request is refused.
/// Operations must be idempotent for their operation id.
/// </summary>
public sealed class IdempotencyGuard(IDocumentStore<IdempotencyRecord> records, BlindIndex blindIndex, TimeProvider time, IOptions<IdempotencyOptions> options)
{
    public static Failure KeyReused { get; } = new(
        FailureKind.Unprocessable, "idempotency-key-reused", "This Idempotency-Key was already used with a different request body.");

    public async Task<Outcome<T>> RunAsync<T, TRequest>(
        string callerScope, string key, TRequest request, Func<string, CancellationToken, Task<Outcome<T>>> operation, CancellationToken ct)
    {
        var documentKey = new DocumentKey(callerScope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        var fingerprint = await blindIndex.ComputeAsync("idempotency|" + callerScope, JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Options), ct);
        var expiresAt = time.GetCurrentInstant() + NodaTime.Duration.FromHours(Math.Max(24, options.Value.RetentionHours));

        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var existing = await records.ReadAsync(documentKey, ct);
            if (existing is null)
            {
                var fresh = new IdempotencyRecord(fingerprint, OpaqueId.New(), null);
                var etag = await records.TryCreateAsync(documentKey, fresh, expiresAt, ct);
                if (etag is null)
                {
                    continue;
                }

                existing = new Versioned<IdempotencyRecord>(documentKey, fresh, etag);
            }

            var record = existing.Value;
            if (!CryptographicOperations.FixedTimeEquals(
                    Encoding.ASCII.GetBytes(record.Fingerprint), Encoding.ASCII.GetBytes(fingerprint)))
            {
                return KeyReused;
            }

            if (record.OutcomeJson is not null)
            {
                return JsonSerializer.Deserialize<StoredOutcome<T>>(record.OutcomeJson, JsonDefaults.Options)!.ToOutcome();
            }

            var outcome = await operation(record.OperationId, ct);
            var finished = record with { OutcomeJson = JsonSerializer.Serialize(StoredOutcome<T>.From(outcome), JsonDefaults.Options) };
            await records.UpsertAsync(documentKey, finished, expiresAt, ct);
            return outcome;
        }

        throw new StoreUnavailableException("The idempotency record kept changing under concurrent requests.");
    }
}
