using System.Collections.Concurrent;
using Azure.Core;
using Booking.ServiceBusStandIn.Security;

namespace Booking.ServiceBusStandIn.Tests;

/// <summary>
/// The production shape: a client built from a namespace name and a TokenCredential speaks TLS and puts a "jwt"
/// token on $cbs. CustomEndpointAddress points it at the stand-in's port. Measured here: TLS checks the
/// certificate against the endpoint's host (127.0.0.1) and needs a trusted chain; the CBS audience keeps the
/// namespace name (amqps://{namespace}/{entity}), so the namespace can be the production one.
/// </summary>
public sealed class TokenCredentialTests
{
    private const string GoodToken = "header.good.signature";
    private const string ProductionNamespace = "sb-booking-test.servicebus.windows.net";

    [Fact]
    public async Task TokenCredentialClientSendsAndReceivesOverTlsThroughCustomEndpointAddress()
    {
        using var certificate = LoopbackCertificate.Create("localhost");
        var audiences = new ConcurrentBag<string>();
        await using var standIn = await StartAsync(certificate, audiences);
        var credential = new FixedTokenCredential(GoodToken);
        await using var client = new ServiceBusClient(ProductionNamespace, credential, Options(standIn));

        await using (var sender = client.CreateSender(TestBus.Queue))
        {
            await sender.SendMessageAsync(new ServiceBusMessage("over tls") { MessageId = "tls-1" });
        }

        await using var receiver = client.CreateReceiver(TestBus.Queue);
        var message = await TestBus.ReceiveOneAsync(receiver);
        await receiver.CompleteMessageAsync(message);

        Assert.Equal("tls-1", message.MessageId);
        Assert.Contains("https://servicebus.azure.net/.default", credential.Scopes);
        Assert.Contains($"amqps://{ProductionNamespace}/{TestBus.Queue}", audiences);
    }

    [Fact]
    public async Task TokenRefusedByTheValidatorFailsWithUnauthorizedAccess()
    {
        using var certificate = LoopbackCertificate.Create("localhost");
        await using var standIn = await StartAsync(certificate, []);
        await using var client = new ServiceBusClient(ProductionNamespace, new FixedTokenCredential("header.bad.signature"), Options(standIn));
        await using var sender = client.CreateSender(TestBus.Queue);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
    }

    [Fact]
    public async Task UntrustedCertificateIsRefusedByTheClient()
    {
        using var untrusted = LoopbackCertificate.CreateUntrusted();
        await using var standIn = await ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions
        {
            Entities = TestBus.Entities,
            Certificate = untrusted,
            ValidateJwt = (_, _) => TokenCheck.Accepted(DateTimeOffset.UtcNow.AddHours(1)),
        });
        await using var client = new ServiceBusClient(ProductionNamespace, new FixedTokenCredential(GoodToken), Options(standIn));
        await using var sender = client.CreateSender(TestBus.Queue);

        await Assert.ThrowsAnyAsync<System.Security.Authentication.AuthenticationException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
    }

    [Theory]
    [InlineData(EntraTokenValidator.ServiceBusAudience, true)]
    [InlineData("https://vault.azure.net", false)]
    public async Task EntraTokenValidatorAcceptsOnlyTokensIssuedForServiceBus(string audience, bool accepted)
    {
        using var certificate = LoopbackCertificate.Create("localhost");
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa) { KeyId = "local-identity" };
        const string issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-00000000face/v2.0";
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256),
        });
        await using var standIn = await ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions
        {
            Entities = TestBus.Entities,
            Certificate = certificate.Certificate,
            ValidateJwt = EntraTokenValidator.Create(issuer, [key]),
        });
        await using var client = new ServiceBusClient(ProductionNamespace, new FixedTokenCredential(token), Options(standIn));
        await using var sender = client.CreateSender(TestBus.Queue);

        var send = sender.SendMessageAsync(new ServiceBusMessage("x"));

        if (accepted)
        {
            await send;
        }
        else
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => send);
        }
    }

    [Fact]
    public void NamespaceWithAPortIsRejectedByTheClient() =>
        Assert.ThrowsAny<ArgumentException>(() => new ServiceBusClient("127.0.0.1:5671", new FixedTokenCredential(GoodToken)));

    private static ServiceBusClientOptions Options(ServiceBusStandIn standIn)
    {
        var options = TestBus.FastRetries();
        options.CustomEndpointAddress = new Uri($"sb://127.0.0.1:{standIn.Port}");
        return options;
    }

    private static Task<ServiceBusStandIn> StartAsync(LoopbackCertificate certificate, ConcurrentBag<string> audiences) =>
        ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions
        {
            Entities = TestBus.Entities,
            Certificate = certificate.Certificate,
            ValidateJwt = (token, audience) =>
            {
                audiences.Add(audience);
                return token == GoodToken ? TokenCheck.Accepted(DateTimeOffset.UtcNow.AddHours(1)) : TokenCheck.Refused("bad signature");
            },
        });

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Add(scope);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
