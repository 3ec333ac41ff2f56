namespace Booking.Application.Partners;

/// <summary>POSTs a signed JSON body to a partner's URL; returns the status code (throws on a network failure or timeout).</summary>
public interface IWebhookClient
{
    Task<int> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);
}
