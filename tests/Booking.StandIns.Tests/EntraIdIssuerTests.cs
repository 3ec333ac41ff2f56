using Booking.Application.Common;
using Booking.Infrastructure.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Booking.StandIns.Tests;

public sealed class EntraIdIssuerTests : IAsyncLifetime
{
    private const string ApiClientId = "6f1d2a51-3c4b-4b8e-9d1a-2f3e4a5b6c7d";
    private const string WebClientId = "0a9b8c7d-1111-2222-3333-444455556666";
    private TestCertificateAuthority _ca = null!;
    private EntraIdIssuer _issuer = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificateAuthority.Create();
        _issuer = await EntraIdIssuer.StartAsync(_ca);
    }

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task AV2TokenValidatesAgainstTheMetadataOverHttpsWithIssuerAndApiClientIdAudience()
    {
        var objectId = Guid.NewGuid().ToString();
        var token = _issuer.IssueV2(ApiClientId, new EntraTokenSubject(objectId, WebClientId, ["practitioner"], new Dictionary<string, object> { ["practitionerId"] = "pr-1" }));

        var result = await ValidateAsync(_issuer.MetadataAddressV2, token, _issuer.IssuerV2, ApiClientId);

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(_issuer.BaseAddress + _issuer.TenantId + "/v2.0", result.Claims["iss"]);
        Assert.Equal("2.0", result.Claims["ver"]);
        Assert.Equal(objectId, result.Claims["oid"]);
        Assert.Equal(WebClientId, result.Claims["azp"]);
        Assert.Equal(_issuer.TenantId, result.Claims["tid"]);
        Assert.NotEqual(objectId, result.Claims["sub"]);
        Assert.Equal("pr-1", result.Claims["practitionerId"]);
        Assert.Equal("practitioner", result.ClaimsIdentity.FindFirst("roles")?.Value);
        Assert.Equal(_issuer.IssuerV2, (await new ConfigurationManager<OpenIdConnectConfiguration>(_issuer.MetadataAddressV2, new OpenIdConnectConfigurationRetriever()).GetConfigurationAsync(default)).Issuer);
    }

    [Fact]
    public async Task AV1TokenHasTheV1IssuerAndTheApplicationIdUriAudience()
    {
        var token = _issuer.IssueV1("api://booking", new EntraTokenSubject(Guid.NewGuid().ToString(), WebClientId, ["operator"]));

        var result = await ValidateAsync(_issuer.MetadataAddressV1, token, _issuer.IssuerV1, "api://booking");

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal("1.0", result.Claims["ver"]);
        Assert.Equal(WebClientId, result.Claims["appid"]);
        Assert.Equal(_issuer.BaseAddress + _issuer.TenantId + "/", result.Claims["iss"]);
    }

    [Fact]
    public void TheSubjectIsPairwisePerClientApp()
    {
        var objectId = Guid.NewGuid().ToString();

        Assert.NotEqual(_issuer.PairwiseSubject(objectId, WebClientId), _issuer.PairwiseSubject(objectId, "other-app"));
        Assert.Equal(_issuer.PairwiseSubject(objectId, WebClientId), _issuer.PairwiseSubject(objectId, WebClientId));
    }

    [Fact]
    public async Task ATokenForAnotherAudienceOrExpiredIsRefused()
    {
        var other = _issuer.IssueV2("another-api", new EntraTokenSubject("o", WebClientId, ["patient"]));
        var expired = _issuer.IssueV2(ApiClientId, new EntraTokenSubject("o", WebClientId, ["patient"]) { IssuedAt = DateTimeOffset.UtcNow.AddHours(-3) });

        Assert.False((await ValidateAsync(_issuer.MetadataAddressV2, other, _issuer.IssuerV2, ApiClientId)).IsValid);
        Assert.False((await ValidateAsync(_issuer.MetadataAddressV2, expired, _issuer.IssuerV2, ApiClientId)).IsValid);
    }

    [Fact]
    public async Task ATokenSignedByARotatedKeyValidatesOnceTheKeysAreReadAgain()
    {
        _issuer.RotateKey();
        var token = _issuer.IssueV2(ApiClientId, new EntraTokenSubject("o", WebClientId, ["patient"]));

        var result = await ValidateAsync(_issuer.MetadataAddressV2, token, _issuer.IssuerV2, ApiClientId);

        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Fact]
    public async Task TheProductsAuthenticatorAcceptsV2AndV1TokensOfTheTenantGivenTheBicepsAuthSettings()
    {
        // As infra/main.bicep sets Auth: both issuers of the tenant, the client id and the application id URI, extn.* claim.
        var options = new AuthOptions { Authority = _issuer.Authority, PractitionerIdClaim = "extn.practitionerId" };
        options.Issuers.AddRange([_issuer.IssuerV2, _issuer.IssuerV1]);
        options.Audiences.AddRange([ApiClientId, "api://booking"]);
        var authenticator = new JwtCallerAuthenticator(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        var objectId = Guid.NewGuid().ToString();
        var practitioner = _issuer.IssueV2(ApiClientId, new EntraTokenSubject(objectId, WebClientId, ["practitioner"], new Dictionary<string, object> { ["extn.practitionerId"] = "pr-7" }));

        Assert.Equal(new Caller(_issuer.PairwiseSubject(objectId, WebClientId), Role.Practitioner, "pr-7"), await authenticator.AuthenticateAsync(practitioner, default));
        Assert.Equal(Role.Operator, (await authenticator.AuthenticateAsync(_issuer.IssueV1("api://booking", new EntraTokenSubject(objectId, WebClientId, ["operator"])), default))?.Role);
        Assert.Null(await authenticator.AuthenticateAsync(_issuer.IssueV2("api://another-api", new EntraTokenSubject(objectId, WebClientId, ["operator"])), default));
    }

    private static Task<TokenValidationResult> ValidateAsync(string metadata, string token, string issuer, string audience)
    {
        var configuration = new ConfigurationManager<OpenIdConnectConfiguration>(metadata, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
        return new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ConfigurationManager = configuration,
            ValidIssuer = issuer,
            ValidAudience = audience,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
    }
}
