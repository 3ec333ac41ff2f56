using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using Booking.Application.Partners;

namespace Booking.Infrastructure.Webhooks;

/// <summary>
/// Posts webhooks with a short timeout, so one slow partner costs seconds, not the subscription's throughput, over
/// <see cref="WebhookConnections"/>' handler: an address webhooks may not reach is refused before connecting
/// (<see cref="WebhookTargetRefusedException"/>), and no redirect is followed.
/// </summary>
public sealed class HttpWebhookClient(HttpClient http) : IWebhookClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<int> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Version = HttpVersion.Version11, // HTTP/3 (QUIC) would not connect through WebhookConnections' check
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefusedException refused)
        {
            ExceptionDispatchInfo.Throw(refused); // the handler wraps what the connection refused: the refusal is the answer
            throw;
        }
    }
}
