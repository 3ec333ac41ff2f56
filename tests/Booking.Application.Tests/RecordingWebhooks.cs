using System.Collections.Concurrent;
using Booking.Application.Partners;

namespace Booking.Application.Tests;

/// <summary>Partner webhooks that answer 200 and remember where they were posted.</summary>
public sealed class RecordingWebhooks : IWebhookClient
{
    public ConcurrentQueue<Uri> Posted { get; } = new();

    public Task<int> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        Posted.Enqueue(url);
        return Task.FromResult(200);
    }
}
