using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Booking.Application.Privacy;
using Booking.Domain.Patients;
using Booking.Infrastructure.AccessLog;
using NodaTime;

namespace Booking.StandIns.Tests;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AzuriteWithOAuthTests : IAsyncLifetime
{
    private TestCertificateAuthority _ca = null!;
    private ManagedIdentityEndpoint _identity = null!;
    private AzuriteWithOAuth _azurite = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificateAuthority.Create();
        _identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        _azurite = await AzuriteWithOAuth.StartAsync(_ca);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        await _identity.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task TheBlobAccessLogAppendsAndReadsWithTheManagedIdentityTokenOverHttps()
    {
        using var env = _identity.UseInThisProcess(azureClientId: _identity.ClientId);
        var container = new BlobServiceClient(_azurite.BlobEndpoint, new DefaultAzureCredential()).GetBlobContainerClient("access-log");
        await container.CreateIfNotExistsAsync();
        var log = new BlobAccessLog(container);
        var entry = new AccessLogEntry(Instant.FromUtc(2026, 12, 1, 9, 30), "practitioner-1", "practitioner", "patient-1", "appt-1", [PersonalField.LastName], "care");

        await log.AppendAsync(entry, default);
        var read = await log.AboutPatientAsync("patient-1", default);

        Assert.Equal("practitioner-1", Assert.Single(read).Principal);
        var asked = System.Web.HttpUtility.ParseQueryString(new Uri(_identity.Endpoint, _identity.Requests[^1].PathAndQuery).Query);
        Assert.Equal("https://storage.azure.com", asked["resource"]);
    }

    [Fact]
    public async Task RefusesWith403ATokenWhoseIssuerIsNotEntraId()
    {
        var container = new BlobServiceClient(_azurite.BlobEndpoint, new FixedToken(Unsigned("https://evil.example/", "https://storage.azure.com"))).GetBlobContainerClient("refused");

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync());

        Assert.Equal((403, "AuthenticationFailed"), (failure.Status, failure.ErrorCode));
    }

    [Fact]
    public async Task RefusesWith403ATokenForAnotherAudience()
    {
        var container = new BlobServiceClient(_azurite.BlobEndpoint, new FixedToken(_identity.IssueToken("https://vault.azure.net"))).GetBlobContainerClient("refused");

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync());

        Assert.Equal((403, "AuthenticationFailed"), (failure.Status, failure.ErrorCode));
    }

    private static string Unsigned(string issuer, string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string Part(object o) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(o));
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { iss = issuer, aud = audience, iat = now, nbf = now - 60, exp = now + 3600 })}.";
    }

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
