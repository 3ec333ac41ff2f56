using Booking.Application.Common;
using Booking.Application.Partners;
using Booking.Application.Storage;
using Microsoft.Extensions.Options;

namespace Booking.Application.Tests;

/// <summary>
/// A partner's webhook URL is refused at registration when it is not https or names an address webhooks may not reach,
/// with a 400 of its own type; loopback is allowed only where the environment allows it (Development).
/// </summary>
public sealed class RegisterPartnerWebhookTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData("http://hooks.example.org/booking")]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://localhost:8443/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://10.0.0.1/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    public async Task RefusesAWebhookUrlThatIsNotHttpsOrNamesAnAddressWebhooksMayNotReach(string url)
    {
        var failure = (await RegisterAsync(url)).Failure!;

        Assert.Equal((FailureKind.Validation, "webhook-url-refused"), (failure.Kind, failure.Code));
        Assert.Equal("webhookUrl", Assert.Single(failure.Errors!).Field);
    }

    [Fact]
    public async Task NamesEveryInvalidFieldUnderTheRefusedTypeGivenAnotherInvalidFieldToo()
    {
        var failure = (await _world.Get<RegisterPartner>().HandleAsync(BookingWorld.Operator, new RegisterPartnerCommand("", ["unknown"], "https://10.0.0.1/"), default)).Failure!;

        Assert.Equal("webhook-url-refused", failure.Code);
        Assert.Equal(["name", "practitionerIds[0]", "webhookUrl"], failure.Errors!.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnswersValidationGivenAUrlThatIsNotAbsolute()
    {
        Assert.Equal("validation", (await RegisterAsync("hooks.example.org/booking")).Failure!.Code);
    }

    [Fact]
    public async Task AcceptsAnHttpsUrlOfAName()
    {
        var registered = await RegisterAsync("https://hooks.example.org/booking");

        Assert.True(registered.Succeeded);
        var partner = await _world.Get<IDocumentStore<Domain.Partners.Partner>>().ReadAsync(PartnerKeys.Partner(registered.Value.PartnerId), default);
        Assert.Equal(new Uri("https://hooks.example.org/booking"), partner!.Value.WebhookUrl);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost:5000/hooks")]
    public async Task AcceptsLoopbackOverHttpGivenLoopbackAllowed(string url)
    {
        _world.Get<IOptions<WebhookTargetOptions>>().Value.LoopbackAllowed = true; // what the infrastructure sets in Development

        Assert.True((await RegisterAsync(url)).Succeeded);
        Assert.Equal("webhook-url-refused", (await RegisterAsync("https://10.0.0.1/hooks")).Failure!.Code);
    }

    private async Task<Outcome<PartnerCredentials>> RegisterAsync(string url)
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        return await _world.Get<RegisterPartner>().HandleAsync(BookingWorld.Operator, new RegisterPartnerCommand("PracticeSoft", [practitioner.Id], url), default);
    }
}
