using System.Net.Http.Json;
using Booking.Application.Notifications;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Sms;

/// <summary>Posts <c>{ from, to, text }</c> as JSON to the provider; any non-success status is a failure (the message is retried).</summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<SmsOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Endpoint)
        {
            Content = JsonContent.Create(new { from = o.Sender, to = notification.To, text = notification.Body }),
        };
        if (!string.IsNullOrEmpty(o.AuthHeaderValue))
        {
            request.Headers.TryAddWithoutValidation(o.AuthHeaderName, o.AuthHeaderValue);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The SMS provider answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }
}
