namespace Booking.Application.Common;

/// <summary>Proves who presents a bearer token. The same implementation runs in Azure and in the local host.</summary>
public interface ICallerAuthenticator
{
    /// <summary>The caller the token proves, or null when it is missing, malformed, expired or not ours.</summary>
    Task<Caller?> AuthenticateAsync(string? bearerToken, CancellationToken cancellationToken);
}
