using Microsoft.AspNetCore.Http;

namespace Booking.StandIns;

/// <summary>One request a stand-in received, as it came (headers by lower-case name), and the status it answered.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, int Status)
{
    internal static RecordedRequest From(HttpRequest request, string body, int status) => new(
        request.Method,
        request.Path + request.QueryString,
        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
        body,
        status);
}
