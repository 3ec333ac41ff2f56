using Booking.Application.Notifications;
using Booking.Infrastructure.Sms;
using Microsoft.Extensions.Options;

namespace Booking.StandIns.Tests;

public sealed class SmsProviderStandInTests : IAsyncLifetime
{
    private TestCertificateAuthority _ca = null!;
    private SmsProviderStandIn _sms = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificateAuthority.Create();
        _sms = await SmsProviderStandIn.StartAsync(_ca, "Bearer sms-secret");
    }

    public async Task DisposeAsync()
    {
        await _sms.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task RecordsWhatHttpSmsSenderPostsGivenTheConfiguredCredential()
    {
        using var http = new HttpClient();
        var sender = Sender(http, "Bearer sms-secret");

        await sender.SendAsync(Sms("+41790000000", "Your appointment is confirmed"), default);

        var message = Assert.Single(await _sms.WaitForMessagesAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(new SmsMessage("Booking", "+41790000000", "Your appointment is confirmed"), message);
    }

    [Fact]
    public async Task RefusesAWrongCredentialWith401()
    {
        using var http = new HttpClient();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Sender(http, "Bearer wrong").SendAsync(Sms("+41790000000", "x"), default));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.Empty(_sms.Messages);
    }

    [Fact]
    public async Task AnswersServiceUnavailableDuringAnOutageAndAcceptsAfterIt()
    {
        using var http = new HttpClient();
        var sender = Sender(http, "Bearer sms-secret");
        _sms.Outage = true;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(Sms("+41790000000", "x"), default));
        _sms.Outage = false;
        await sender.SendAsync(Sms("+41790000000", "y"), default);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal("y", Assert.Single(_sms.Messages).Text);
    }

    private HttpSmsSender Sender(HttpClient http, string credential) =>
        new(http, Options.Create(new SmsOptions { Endpoint = _sms.Endpoint, AuthHeaderValue = credential }));

    private static OutgoingNotification Sms(string to, string text) => new(NotificationChannel.Sms, "confirmation", to, string.Empty, text, "appt-1");
}
