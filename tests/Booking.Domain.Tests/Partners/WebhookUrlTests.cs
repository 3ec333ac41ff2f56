using Booking.Domain.Partners;

namespace Booking.Domain.Tests.Partners;

public sealed class WebhookUrlTests
{
    [Theory]
    [InlineData("https://hooks.example.org/booking")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]:8443/hook")]
    [InlineData("https://internal.example.org/")] // a name: what it resolves to is checked when connecting
    public void AcceptsAnHttpsUrlOfAPublicAddressOrAName(string url)
    {
        var parsed = WebhookUrl.Parse(url, loopbackAllowed: false);

        Assert.True(parsed.IsSuccess);
        Assert.Equal(new Uri(url), parsed.Value);
    }

    [Theory]
    [InlineData("http://hooks.example.org/booking")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("ftp://hooks.example.org/")]
    [InlineData("file://server/share/hook")]
    public void RefusesAnyOtherSchemeThanHttpsGivenLoopbackNotAllowed(string url)
    {
        var error = Assert.Single(WebhookUrl.Parse(url, loopbackAllowed: false).Errors);

        Assert.Equal((WebhookUrl.RefusedCode, "webhookUrl", "webhookUrl must be https."), (error.Code, error.Field, error.Message));
    }

    [Theory]
    [InlineData("http://hooks.example.org/booking")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("ftp://127.0.0.1/hook")]
    public void RefusesHttpToAnythingButLoopbackGivenLoopbackAllowed(string url)
    {
        Assert.Equal(WebhookUrl.RefusedCode, Assert.Single(WebhookUrl.Parse(url, loopbackAllowed: true).Errors).Code);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://2130706433/hook", "loopback")] // 127.0.0.1 in decimal
    [InlineData("https://0x7f.1/hook", "loopback")]
    [InlineData("https://127.1/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://LOCALHOST./hook", "loopback")]
    [InlineData("https://api.localhost/hook", "loopback")]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://172.16.5.4/hook", "private")]
    [InlineData("https://192.168.0.10/hook", "private")]
    [InlineData("https://[fd00::1]/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://[fe80::1%25eth0]/hook", "link-local")]
    [InlineData("https://[::ffff:a9fe:a9fe]/hook", "link-local")] // 169.254.169.254, IPv4-mapped
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://0/hook", "unspecified")]
    [InlineData("https://[::]/hook", "unspecified")]
    [InlineData("https://100.64.1.2/hook", "shared (carrier-grade NAT)")]
    public void RefusesALiteralAddressWebhooksMayNotReach(string url, string kind)
    {
        var error = Assert.Single(WebhookUrl.Parse(url, loopbackAllowed: false).Errors);

        Assert.Equal(WebhookUrl.RefusedCode, error.Code);
        Assert.Equal($"webhookUrl names a {kind} address, which webhooks may not reach.", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost:5000/hooks")]
    [InlineData("https://[::1]/hooks")]
    public void AcceptsLoopbackOverHttpOrHttpsGivenLoopbackAllowed(string url)
    {
        Assert.True(WebhookUrl.Parse(url, loopbackAllowed: true).IsSuccess);
    }

    [Theory]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://169.254.169.254/")]
    [InlineData("https://[fe80::1]/")]
    public void RefusesOtherNonPublicAddressesGivenLoopbackAllowed(string url)
    {
        Assert.Equal(WebhookUrl.RefusedCode, Assert.Single(WebhookUrl.Parse(url, loopbackAllowed: true).Errors).Code);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("hooks.example.org/booking")]
    [InlineData("")]
    [InlineData("file:///etc/passwd")] // no host
    public void AnswersInvalidGivenNoAbsoluteUrl(string url)
    {
        var error = Assert.Single(WebhookUrl.Parse(url, loopbackAllowed: false).Errors);

        Assert.Equal(("invalid-url", "webhookUrl"), (error.Code, error.Field));
    }
}
