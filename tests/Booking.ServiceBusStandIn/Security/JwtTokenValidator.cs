namespace Booking.ServiceBusStandIn.Security;

/// <summary>
/// Decides on a bearer token put on $cbs with type "jwt" (what a client built with a TokenCredential sends).
/// <paramref name="token"/> is the raw JWT; <paramref name="audience"/> is the CBS "name" (the entity URI the
/// client asks access to). Service Bus itself checks the token's aud ("https://servicebus.azure.net"), issuer,
/// signature, lifetime and the caller's role on the entity.
/// </summary>
public delegate TokenCheck JwtTokenValidator(string token, string audience);
