using System.Globalization;
using Booking.Application.Common;
using Booking.Infrastructure.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Booking.Infrastructure.Tests.Auth;

public sealed class JwtCallerAuthenticatorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    // The authenticator checks lifetimes against this clock, which tokens are issued around.
    private readonly FakeTimeProvider _now = new(DateTimeOffset.Parse("2026-10-25T00:30:00Z", CultureInfo.InvariantCulture));
    private readonly JwtCallerAuthenticator _authenticator;

    public JwtCallerAuthenticatorTests() => _authenticator = Authenticator(Settings());

    [Fact]
    public async Task ReturnsThePatientGivenAPatientToken()
    {
        var caller = await _authenticator.AuthenticateAsync(Issue("patient-42", "patient"), Ct);

        Assert.Equal(new Caller(PatientIdentity.IdOf("booking-dev", "patient-42"), Role.Patient), caller);
        Assert.Matches("^pat-[0-9a-f]{32}$", caller!.Subject);
    }

    [Theory]
    [InlineData("partner:partner-1")]
    [InlineData("partner-patient-0123456789abcdef")]
    [InlineData("erased")]
    [InlineData("pat-00000000000000000000000000000000")]
    public async Task GivesAPatientAnIdNoTokenCanChooseGivenASubjectThatLooksLikeAnInternalId(string subject)
    {
        var caller = await _authenticator.AuthenticateAsync(Issue(subject, "patient"), Ct);

        Assert.NotEqual(subject, caller!.Subject);
        Assert.Matches("^pat-[0-9a-f]{32}$", caller.Subject);
    }

    [Fact]
    public async Task KeepsOnePatientIdAcrossEntraTokenVersionsAndSeparatesIssuersGivenTheSameSubject()
    {
        var options = Settings();
        options.Issuers.AddRange(["https://login.microsoftonline.com/tenant-1/v2.0", "https://sts.windows.net/tenant-1/", "https://other.example/"]);
        var authenticator = Authenticator(options);
        async Task<string> IdAsync(string issuer) =>
            (await authenticator.AuthenticateAsync(Issue("user-1", "patient", settings: Settings(issuer: issuer)), Ct))!.Subject;

        var v2 = await IdAsync("https://login.microsoftonline.com/tenant-1/v2.0");

        Assert.Equal(v2, await IdAsync("https://sts.windows.net/tenant-1/"));
        Assert.NotEqual(v2, await IdAsync("https://other.example/"));
    }

    [Fact]
    public async Task ReturnsThePractitionerItActsAsGivenAPractitionerToken()
    {
        var caller = await _authenticator.AuthenticateAsync(Issue("user-7", "practitioner", "practitioner-9"), Ct);

        Assert.Equal(new Caller("user-7", Role.Practitioner, "practitioner-9"), caller);
    }

    [Fact]
    public async Task ReturnsTheOperatorGivenAnOperatorToken()
    {
        var caller = await _authenticator.AuthenticateAsync(Issue("ops-1", "operator"), Ct);

        Assert.Equal(new Caller("ops-1", Role.Operator), caller);
    }

    [Fact]
    public async Task ActsWithTheStrongestRoleGivenATokenWithSeveralRoles()
    {
        var token = SignedToken(new Dictionary<string, object> { ["sub"] = "user-7", ["roles"] = new List<string> { "patient", "operator" } });

        var caller = await _authenticator.AuthenticateAsync(token, Ct);

        Assert.Equal(new Caller("user-7", Role.Operator), caller);
    }

    [Fact]
    public async Task TakesTheSubjectFromOidGivenATokenWithoutSub()
    {
        var token = SignedToken(new Dictionary<string, object> { ["oid"] = "object-5", ["roles"] = "patient" });

        var caller = await _authenticator.AuthenticateAsync(token, Ct);

        Assert.Equal(new Caller(PatientIdentity.IdOf("booking-dev", "object-5"), Role.Patient), caller);
    }

    [Fact]
    public async Task KnowsAPatientByOidRatherThanTheSubjectPairwisePerAppGivenBoth()
    {
        var fromWebApp = SignedToken(new Dictionary<string, object> { ["sub"] = "pairwise-web", ["oid"] = "object-5", ["roles"] = "patient" });
        var fromMobileApp = SignedToken(new Dictionary<string, object> { ["sub"] = "pairwise-mobile", ["oid"] = "object-5", ["roles"] = "patient" });

        Assert.Equal((await _authenticator.AuthenticateAsync(fromWebApp, Ct))!.Subject, (await _authenticator.AuthenticateAsync(fromMobileApp, Ct))!.Subject);
    }

    [Fact]
    public async Task ReturnsNullGivenATokenWithoutSubject()
    {
        var token = SignedToken(new Dictionary<string, object> { ["roles"] = "patient" });

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenAnExpiredToken()
    {
        var issuedNineHoursAgo = new FakeTimeProvider(_now.GetUtcNow().AddHours(-9));
        var token = new DevelopmentTokenIssuer(Options.Create(Settings()), issuedNineHoursAgo).Issue("patient-42", "patient", null);

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)] // the clock skew exactly
    public async Task AcceptsATokenExpiredWithinTheClockSkew(int secondsAgo)
    {
        var token = IssueExpiring(_now.GetUtcNow().AddSeconds(-secondsAgo));

        Assert.NotNull(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Theory]
    [InlineData(121)]
    [InlineData(180)]
    public async Task ReturnsNullGivenATokenExpiredLongerAgoThanTheClockSkew(int secondsAgo)
    {
        var token = IssueExpiring(_now.GetUtcNow().AddSeconds(-secondsAgo));

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    public async Task AcceptsATokenNotYetValidByLessThanTheClockSkew(int secondsAhead)
    {
        var token = Issue("patient-42", "patient", clock: new FakeTimeProvider(_now.GetUtcNow().AddSeconds(secondsAhead)));

        Assert.NotNull(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Theory]
    [InlineData(121)]
    [InlineData(180)]
    public async Task ReturnsNullGivenATokenNotYetValidByMoreThanTheClockSkew(int secondsAhead)
    {
        var token = Issue("patient-42", "patient", clock: new FakeTimeProvider(_now.GetUtcNow().AddSeconds(secondsAhead)));

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenATokenSignedWithAnotherKey()
    {
        var token = Issue("patient-42", "patient", settings: Settings(key: OtherKey));

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenATokenForAnotherAudience()
    {
        var token = Issue("patient-42", "patient", settings: Settings(audience: "another-api"));

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenATokenFromAnotherIssuer()
    {
        var token = Issue("patient-42", "patient", settings: Settings(issuer: "someone-else"));

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenAnUnsignedToken()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "booking-dev",
            Audience = "booking-api",
            IssuedAt = _now.GetUtcNow().UtcDateTime,
            NotBefore = _now.GetUtcNow().UtcDateTime,
            Expires = _now.GetUtcNow().UtcDateTime.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "patient-42", ["roles"] = "operator" },
        });

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenATamperedPayload()
    {
        var parts = Issue("patient-42", "patient").Split('.');
        var forged = Issue("ops-1", "operator", settings: Settings(key: OtherKey)).Split('.');

        var token = string.Join('.', parts[0], forged[1], parts[2]);

        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ReturnsNullGivenSomethingThatIsNotAToken(string? token)
    {
        Assert.Null(await _authenticator.AuthenticateAsync(token, Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenAPractitionerTokenWithoutPractitionerId()
    {
        Assert.Null(await _authenticator.AuthenticateAsync(Issue("user-7", "practitioner"), Ct));
    }

    [Fact]
    public async Task ReturnsNullGivenAnUnknownRole()
    {
        Assert.Null(await _authenticator.AuthenticateAsync(Issue("user-7", "admin"), Ct));
    }

    [Fact]
    public void RefusesToStartGivenNeitherSigningKeyNorAuthority()
    {
        Assert.Throws<InvalidOperationException>(() => Authenticator(new AuthOptions()));
    }

    [Fact]
    public async Task AcceptsEveryListedIssuerAndAudienceAndNoOtherGivenIssuersAndAudiences()
    {
        var options = Settings();
        options.Issuers.AddRange(["https://login.example/tenant/v2.0", "https://sts.example/tenant/", ""]);
        options.Audiences.AddRange(["11111111-2222-3333-4444-555555555555", "api://booking-api"]);
        var authenticator = Authenticator(options);
        string Token(string issuer, string audience) => Issue("user-1", "patient", settings: Settings(issuer: issuer, audience: audience));

        Assert.NotNull(await authenticator.AuthenticateAsync(Token("https://login.example/tenant/v2.0", "11111111-2222-3333-4444-555555555555"), Ct));
        Assert.NotNull(await authenticator.AuthenticateAsync(Token("https://sts.example/tenant/", "api://booking-api"), Ct));
        Assert.Null(await authenticator.AuthenticateAsync(Token("booking-dev", "api://booking-api"), Ct));
        Assert.Null(await authenticator.AuthenticateAsync(Token("https://sts.example/other-tenant/", "api://booking-api"), Ct));
        Assert.Null(await authenticator.AuthenticateAsync(Token("https://sts.example/tenant/", "booking-api"), Ct));
    }

    [Fact]
    public async Task ReadsThePractitionerFromTheConfiguredClaimGivenADirectoryExtensionClaim()
    {
        var options = Settings();
        options.PractitionerIdClaim = "extn.practitionerId";
        var token = SignedToken(new Dictionary<string, object> { ["sub"] = "user-7", ["roles"] = "practitioner", ["extn.practitionerId"] = "practitioner-9", ["practitionerId"] = "not-this" });

        var caller = await Authenticator(options).AuthenticateAsync(token, Ct);

        Assert.Equal(new Caller("user-7", Role.Practitioner, "practitioner-9"), caller);
    }

    private string Issue(string subject, string role, string? practitionerId = null, AuthOptions? settings = null, TimeProvider? clock = null) =>
        new DevelopmentTokenIssuer(Options.Create(settings ?? Settings()), clock ?? _now).Issue(subject, role, practitionerId);

    // A development token issued one lifetime before its expiry.
    private string IssueExpiring(DateTimeOffset expires) =>
        Issue("patient-42", "patient", clock: new FakeTimeProvider(expires - DevelopmentTokenIssuer.Lifetime));

    private string SignedToken(Dictionary<string, object> claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "booking-dev",
            Audience = "booking-api",
            IssuedAt = _now.GetUtcNow().UtcDateTime,
            NotBefore = _now.GetUtcNow().UtcDateTime,
            Expires = _now.GetUtcNow().UtcDateTime.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)), SecurityAlgorithms.HmacSha256),
        });

    private JwtCallerAuthenticator Authenticator(AuthOptions options) => new(Options.Create(options), _now);

    private static AuthOptions Settings(string? key = null, string issuer = "booking-dev", string audience = "booking-api") =>
        new() { SigningKey = key ?? SigningKey, Issuer = issuer, Audience = audience };
}
