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
/// The one place duplicate requests are caught. The first request under a key claims it (create-if-absent: a fresh key
/// costs that one write, and a read only when the key was taken) with an operation id; a repeat with another request is
/// refused; a repeat with the same request gets the first failure again, or runs the operation again with the same id
/// (not first), which answers from what the first attempt wrote, or finishes it if that attempt never did. Successes are
/// not written back: the operation's own documents are the record of them, so a success costs no second write here.
/// Operations must be idempotent for their operation id.
/// </summary>
public sealed class IdempotencyGuard(IDocumentStore<IdempotencyRecord> records, BlindIndex blindIndex, TimeProvider time, IOptions<IdempotencyOptions> options)
{
    public static Failure KeyReused { get; } = new(
        FailureKind.Unprocessable, "idempotency-key-reused", "This Idempotency-Key was already used with a different request body.");

    public async Task<Outcome<T>> RunAsync<T, TRequest>(
        string callerScope, string key, TRequest request, Func<IdempotentAttempt, CancellationToken, Task<Outcome<T>>> operation, CancellationToken ct)
    {
        var documentKey = new DocumentKey(callerScope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        var fingerprint = await blindIndex.ComputeAsync("idempotency|" + callerScope, JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Options), ct);
        var expiresAt = time.GetCurrentInstant() + NodaTime.Duration.FromHours(Math.Max(24, options.Value.RetentionHours));

        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var fresh = new IdempotencyRecord(fingerprint, OpaqueId.New(), null);
            var claimed = await records.TryCreateAsync(documentKey, fresh, expiresAt, ct) is not null;
            var record = claimed ? fresh : (await records.ReadAsync(documentKey, ct))?.Value;
            if (record is null)
            {
                continue; // expired between the two calls: claim it again
            }

            if (!CryptographicOperations.FixedTimeEquals(
                    Encoding.ASCII.GetBytes(record.Fingerprint), Encoding.ASCII.GetBytes(fingerprint)))
            {
                return KeyReused;
            }

            if (record.OutcomeJson is not null)
            {
                return JsonSerializer.Deserialize<StoredOutcome<T>>(record.OutcomeJson, JsonDefaults.Options)!.ToOutcome();
            }

            var outcome = await operation(new IdempotentAttempt(record.OperationId, claimed), ct);
            if (!outcome.Succeeded)
            {
                var finished = record with { OutcomeJson = JsonSerializer.Serialize(StoredOutcome<T>.From(outcome), JsonDefaults.Options) };
                await records.UpsertAsync(documentKey, finished, expiresAt, ct);
            }

            return outcome;
        }

        throw new StoreUnavailableException("The idempotency record kept changing under concurrent requests.");
    }
}
