namespace Booking.Functions.Http;

/// <summary>
/// The headers a browser app on another origin sends to the API and the ones its scripts must be able to read.
/// The local host's CORS policy uses both; in Azure the Functions host answers preflights (allowing any requested
/// header) but exposes nothing, so the function app names <see cref="Exposed"/> on its own responses.
/// </summary>
public static class CrossOriginHeaders
{
    public static readonly string[] Request = ["Authorization", "Content-Type", "Idempotency-Key", "X-Api-Key", "If-None-Match"];

    public static readonly string[] Exposed = ["Location", "Retry-After", "ETag"];
}
