using System.Text;
using Booking.Application.Partners;

namespace Booking.Infrastructure.Webhooks;

/// <summary>Posts webhooks with a short timeout, so one slow partner costs seconds, not the subscription's throughput.</summary>
public sealed class HttpWebhookClient(HttpClient http) : IWebhookClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<int> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }
}
