using System.Globalization;
using Booking.Application.Common;
using Booking.Infrastructure.Auth;
using Booking.StandIns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Infrastructure.Tests.Auth;

/// <summary>
/// The product's authenticator against the Entra ID stand-in over HTTPS, across a signing-key rollover: earlier requests
/// had the issuer's metadata and keys cached when the issuer starts signing with a key the cache has never seen.
/// </summary>
public sealed class SigningKeyRolloverTests : IAsyncLifetime
{
    private const string ApiClientId = "6f1d2a51-3c4b-4b8e-9d1a-2f3e4a5b6c7d";
    private const string WebClientId = "0a9b8c7d-1111-2222-3333-444455556666";
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5); // Microsoft.IdentityModel's default, kept
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-10-25T00:30:00Z", CultureInfo.InvariantCulture));
    private TestCertificateAuthority _ca = null!;
    private EntraIdIssuer _issuer = null!;
    private JwtCallerAuthenticator _authenticator = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificateAuthority.Create();
        _issuer = await EntraIdIssuer.StartAsync(_ca);
        var options = new AuthOptions { Authority = _issuer.Authority };
        options.Issuers.Add(_issuer.IssuerV2);
        options.Audiences.Add(ApiClientId);
        _authenticator = new JwtCallerAuthenticator(Options.Create(options), _clock);
    }

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task AcceptsTheFirstTokenSignedWithANewKeyGivenKeysCachedBeforeTheRollover()
    {
        Assert.NotNull(await AuthenticateAsync(Token()));
        var keysReads = _issuer.KeysReads;
        _clock.Advance(TimeSpan.FromHours(1));

        _issuer.RotateKey();
        _issuer.RetireOldKeys();

        Assert.NotNull(await AuthenticateAsync(Token()));
        Assert.Equal(keysReads + 1, _issuer.KeysReads);
    }

    [Fact]
    public async Task AcceptsTokensOfTheOldAndTheNewKeyWhileTheIssuerPublishesBoth()
    {
        var signedBefore = Token();
        Assert.NotNull(await AuthenticateAsync(signedBefore));
        _clock.Advance(TimeSpan.FromHours(1));

        _issuer.RotateKey();

        Assert.NotNull(await AuthenticateAsync(Token()));
        Assert.NotNull(await AuthenticateAsync(signedBefore));
    }

    [Fact]
    public async Task ReturnsNullGivenATokenOfAKeyTheIssuerWithdrewOnceTheNewKeysAreRead()
    {
        var signedBefore = Token();
        Assert.NotNull(await AuthenticateAsync(signedBefore));
        _clock.Advance(TimeSpan.FromHours(1));

        _issuer.RotateKey();
        _issuer.RetireOldKeys();
        Assert.NotNull(await AuthenticateAsync(Token()));

        Assert.Null(await AuthenticateAsync(signedBefore));
    }

    [Fact]
    public async Task ReadsTheKeysAgainForAnUnknownKeyAtMostOncePerRefreshInterval()
    {
        Assert.NotNull(await AuthenticateAsync(Token()));
        _clock.Advance(TimeSpan.FromHours(1));
        _issuer.RotateKey();
        Assert.NotNull(await AuthenticateAsync(Token()));
        var keysReads = _issuer.KeysReads;

        _clock.Advance(RefreshInterval - TimeSpan.FromSeconds(1));
        _issuer.RotateKey(); // a second rollover, or tokens naming made-up keys
        var tooSoon = Token();
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await AuthenticateAsync(tooSoon));
        }

        Assert.Equal(keysReads, _issuer.KeysReads);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await AuthenticateAsync(Token()));
        Assert.Equal(keysReads + 1, _issuer.KeysReads);
    }

    [Fact]
    public async Task ReadsTheMetadataOnceForConcurrentFirstRequests()
    {
        var tokens = Enumerable.Range(0, 20).Select(_ => Token()).ToList();

        var callers = await Task.WhenAll(tokens.Select(AuthenticateAsync));

        Assert.All(callers, Assert.NotNull);
        Assert.Equal(1, _issuer.MetadataReads);
        Assert.Equal(1, _issuer.KeysReads);
    }

    private string Token() => _issuer.IssueV2(ApiClientId, new EntraTokenSubject(Guid.NewGuid().ToString(), WebClientId, ["patient"]) { IssuedAt = _clock.GetUtcNow() });

    private Task<Caller?> AuthenticateAsync(string token) => _authenticator.AuthenticateAsync(token, default);
}
