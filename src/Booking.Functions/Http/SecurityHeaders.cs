using Microsoft.AspNetCore.Http;

namespace Booking.Functions.Http;

/// <summary>
/// The headers every response carries, whichever host writes it: no MIME sniffing, no <c>Referer</c> (manage links
/// carry their token in the path, and a page that follows a link must not pass it on), and outside Development HSTS.
/// HSTS is sent whether or not the request reached this process over TLS: in Azure TLS ends in front of the app
/// (which is HTTPS-only), and browsers ignore the header on a plain-HTTP response.
/// </summary>
public static class SecurityHeaders
{
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>
    /// Adds the headers as <paramref name="response"/> starts, so that whatever clears the response first (the
    /// exception handler does) cannot drop them.
    /// </summary>
    public static void AddWhenStarting(HttpResponse response, bool isDevelopment) =>
        response.OnStarting(() =>
        {
            Add(response.Headers, isDevelopment);
            return Task.CompletedTask;
        });

    public static void Add(IHeaderDictionary headers, bool isDevelopment)
    {
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!isDevelopment)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }
}
