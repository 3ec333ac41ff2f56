using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>
/// Registering a partner whose webhook URL is not https or names an address webhooks may not reach is a documented
/// 400 of its own type, in Development too (which allows loopback only, for the local receivers: PartnerWebhookTests).
/// </summary>
public sealed class PartnerWebhookUrlTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("http://hooks.example.org/booking", "webhookUrl must be https (http only to loopback).")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "webhookUrl names a link-local address, which webhooks may not reach.")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks", "webhookUrl names a private address, which webhooks may not reach.")]
    [InlineData("https://100.64.0.1/hooks", "webhookUrl names a shared (carrier-grade NAT) address, which webhooks may not reach.")]
    public async Task RegistrationAnswersAWebhookUrlRefusedProblemGivenHttpOrAForbiddenAddress(string url, string message)
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var ops = await Api.TokenAsync("ops", "operator");

        var reply = await Api.PostAsync("/api/partners", new { name = "PracticeSoft", practitionerIds = new[] { practitioner.Id }, webhookUrl = url }, ops);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal("https://booking.example/problems/webhook-url-refused", reply.ProblemType);
        Assert.Equal([message], reply.Body["errors"]!["webhookUrl"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Empty(OpenApiResponseCheck.Violations("POST", "/partners", reply));
    }
}
