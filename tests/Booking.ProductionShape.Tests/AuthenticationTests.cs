using System.Net;

namespace Booking.ProductionShape.Tests;

/// <summary>Callers' Entra ID tokens against the template's Auth settings (authority, issuers, audiences).</summary>
[Collection(ProductionShapeCollection.Name)]
public sealed class AuthenticationTests(ProductionStack stack)
{
    [Fact]
    public async Task AV2TokenForTheApisClientIdIsAccepted()
    {
        var reply = await stack.Api.GetAsync("/api/me/appointments", stack.TokenV2("patient-v2", ["patient"]));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    [Fact]
    public async Task AV1TokenForTheApplicationIdUriIsAccepted()
    {
        var reply = await stack.Api.GetAsync("/api/me/appointments", stack.TokenV1("patient-v1", ["patient"]));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    [Fact]
    public async Task ATokenForAnotherAudienceIsUnauthorized()
    {
        var other = stack.Entra.IssueV2(Guid.NewGuid().ToString(), new Booking.StandIns.EntraTokenSubject("patient-x", ProductionStack.ClientApp, ["patient"]));

        var reply = await stack.Api.GetAsync("/api/me/appointments", other);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Fact]
    public async Task AnOperatorV2TokenMayRegisterAPractitionerAndAPatientTokenMayNot()
    {
        var body = new { displayName = "Dr Rôle", specialty = "Cardiologie", city = "Lyon", timeZone = "Europe/Paris" };

        Assert.Equal(HttpStatusCode.Created, (await stack.Api.PostAsync("/api/practitioners", body, Journey.OperatorToken(stack))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.Api.PostAsync("/api/practitioners", body, Journey.PatientToken(stack, "patient-role"))).Status);
    }
}
