using Azure.Core;

namespace Booking.Tests.Shared;

/// <summary>A token minted in-process (e.g. <see cref="ManagedIdentityEndpoint.IssueToken"/>): for a test's own clients, which must not show in the identity endpoint's requests.</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, DateTimeOffset.UtcNow.AddMinutes(30));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
