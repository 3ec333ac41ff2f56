using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Booking.Application.Privacy;
using Booking.Domain.Common;
using NodaTime;

namespace Booking.Infrastructure.AccessLog;

/// <summary>
/// The access log as append blobs, written twice so both questions are cheap: <c>by-hour/{yyyy-MM-dd}/{HH}/{writer}-{n}.log</c>
/// for "what did anyone read between these times" (breach reports), and <c>by-patient/{patientId}.log</c>
/// for "who read my data" (exports). Each writer instance appends to its own hourly blob and starts a new one
/// when a blob reaches its block limit. Append blobs can't be rewritten; the container's immutability policy
/// makes them undeletable too.
/// </summary>
public sealed class BlobAccessLog(BlobContainerClient container) : IAccessLog
{
    private readonly string _writer = Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
    private int _rollover;

    public async Task AppendAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        var line = AccessLogSerializer.ToLine(entry);
        await AppendAsync($"{HourPrefix(entry.At)}{_writer}-{_rollover}.log", line, rollOnFull: true, cancellationToken);
        await AppendAsync($"by-patient/{entry.PatientId}.log", line, rollOnFull: false, cancellationToken);
    }

    public async Task<IReadOnlyList<AccessLogEntry>> AboutPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        var blob = container.GetAppendBlobClient($"by-patient/{patientId}.log");
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return AccessLogSerializer.FromLines(content.Value.Content.ToArray()).OrderBy(e => e.At).ToList();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    public async Task<IReadOnlyList<AccessLogEntry>> BetweenAsync(Instant from, Instant to, CancellationToken cancellationToken)
    {
        var found = new List<AccessLogEntry>();
        for (var hour = Floor(from); hour < to; hour += Duration.FromHours(1))
        {
            await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, HourPrefix(hour), cancellationToken))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                found.AddRange(AccessLogSerializer.FromLines(content.Value.Content.ToArray()).Where(e => e.At >= from && e.At < to));
            }
        }

        return found.OrderBy(e => e.At).ToList();
    }

    private async Task AppendAsync(string name, byte[] line, bool rollOnFull, CancellationToken ct)
    {
        var blob = container.GetAppendBlobClient(name);
        try
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: ct);
            using var stream = new MemoryStream(line);
            await blob.AppendBlockAsync(stream, cancellationToken: ct);
        }
        catch (RequestFailedException e) when (rollOnFull && e.ErrorCode == "BlockCountExceedsLimit")
        {
            Interlocked.Increment(ref _rollover);
            var next = name[..name.LastIndexOf('-')] + $"-{_rollover}.log";
            await AppendAsync(next, line, rollOnFull: false, ct);
        }
    }

    private static Instant Floor(Instant at) => Instant.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / 3600 * 3600);

    private static string HourPrefix(Instant at)
    {
        var utc = at.InUtc();
        return new StringBuilder("by-hour/").Append(utc.Date.ToString("uuuu-MM-dd", null)).Append('/').Append(utc.Hour.ToString("00", null)).Append('/').ToString();
    }
}
