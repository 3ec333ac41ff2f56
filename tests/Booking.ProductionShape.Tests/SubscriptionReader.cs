using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;

namespace Booking.ProductionShape.Tests;

/// <summary>
/// Reads a subscription as its consumer would (peek-lock, complete), keeping everything read, so a test can wait for
/// a message whichever test caused an earlier one.
/// </summary>
public sealed class SubscriptionReader(ServiceBusReceiver receiver) : IAsyncDisposable
{
    private readonly List<ReadMessage> _read = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IReadOnlyList<ReadMessage>> WaitForAsync(Func<ReadMessage, bool> match, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await _gate.WaitAsync();
        try
        {
            while (true)
            {
                var found = _read.Where(match).ToList();
                if (found.Count >= count || DateTime.UtcNow > deadline)
                {
                    return found;
                }

                foreach (var message in await receiver.ReceiveMessagesAsync(20, TimeSpan.FromMilliseconds(300)))
                {
                    _read.Add(new ReadMessage(
                        message.MessageId,
                        message.Body.ToString(),
                        message.ApplicationProperties.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty)));
                    await receiver.CompleteMessageAsync(message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        _gate.Dispose();
    }
}

public sealed record ReadMessage(string MessageId, string Body, IReadOnlyDictionary<string, string> Properties)
{
    public JsonNode? Json => Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) : null;
}
