using System.Net;
using Booking.Application.Partners;
using Booking.Domain.Partners;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Infrastructure.Tests.Webhooks;

/// <summary>
/// Partner webhooks as the app composes them (AddInfrastructure, by environment) against real loopback receivers: no
/// request reaches an address webhooks may not reach (loopback outside Development, private, link-local, unspecified,
/// CGNAT, in IPv4-mapped form too, or a name resolving to one), none is sent over http outside Development, and no
/// redirect is followed. Every refusal happens before a socket connects: the runtime's own connect activities say so.
/// Nothing here connects outside 127.0.0.0/8.
/// </summary>
public sealed class HttpWebhookClientTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Headers = new() { ["X-Booking-Event-Id"] = "e1" };
    private readonly NetworkActivity _network = new();
    private readonly List<ServiceProvider> _providers = [];
    private LoopbackReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LoopbackReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _network.Dispose();
    }

    [Theory]
    [InlineData("https://127.0.0.1:{port}/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]:{port}/hooks")]
    [InlineData("https://localhost:{port}/hooks")] // a name that resolves to loopback
    public async Task RefusesBeforeConnectingGivenLoopbackOutsideDevelopment(string url)
    {
        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => PostAsync("Production", url));

        Assert.Equal(AddressKind.Loopback, refused.Kind);
        Assert.Equal(0, _receiver.Connections); // https to its port would have been accepted as a TCP connection
        Assert.False(_network.HeardConnectTo(IPAddress.Loopback, _receiver.Port), _network.ToString());
    }

    [Theory]
    [InlineData("Production", "https://10.0.0.1/hooks", "10.0.0.1", AddressKind.Private)]
    [InlineData("Production", "https://169.254.169.254/latest/meta-data/", "169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("Production", "https://[::ffff:169.254.169.254]/latest/meta-data/", "169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("Production", "https://100.64.0.1/hooks", "100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("Production", "https://0.0.0.0:{port}/hooks", "0.0.0.0", AddressKind.Unspecified)]
    [InlineData("Production", "https://[fe80::1]/hooks", "fe80::1", AddressKind.LinkLocal)]
    [InlineData("Development", "http://10.0.0.1/hooks", "10.0.0.1", AddressKind.Private)]
    [InlineData("Development", "https://169.254.169.254/latest/meta-data/", "169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("Development", "http://0.0.0.0:{port}/hooks", "0.0.0.0", AddressKind.Unspecified)]
    public async Task RefusesBeforeConnectingGivenAnAddressWebhooksMayNotReachInAnyEnvironment(string environment, string url, string address, AddressKind kind)
    {
        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => PostAsync(environment, url));

        Assert.Equal((kind, IPAddress.Parse(address)), (refused.Kind, refused.Address?.IsIPv4MappedToIPv6 == true ? refused.Address.MapToIPv4() : refused.Address));
        Assert.False(_network.HeardConnectTo(IPAddress.Parse(address)), _network.ToString());
        Assert.Equal(0, _receiver.Connections);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hooks")]
    [InlineData("http://hooks.example.org/booking")]
    public async Task RefusesHttpBeforeLookingUpOrConnectingOutsideDevelopment(string url)
    {
        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => PostAsync("Production", url));

        Assert.Null(refused.Kind);
        Assert.Equal("A webhook goes over https only.", refused.Message);
        Assert.Equal(0, _receiver.Connections);
        Assert.False(_network.HeardLookupOf("hooks.example.org"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hooks")]
    [InlineData("http://localhost:{port}/hooks")]
    public async Task DeliversToLoopbackGivenDevelopment(string url)
    {
        var status = await PostAsync("Development", url);

        Assert.Equal(204, status);
        Assert.Equal(["/hooks"], _receiver.Requests);
        Assert.Equal(1, _receiver.Connections); // the control: connections are counted
        Assert.True(_network.HeardConnectTo(IPAddress.Loopback, _receiver.Port), _network.ToString()); // the control: connects are heard
    }

    [Theory]
    [InlineData(307, "http://169.254.169.254/latest/meta-data/")]
    [InlineData(308, "https://10.0.0.1/hooks")]
    [InlineData(302, "http://127.0.0.1:{other}/hooks")] // loopback, allowed in Development: not followed either
    public async Task FollowsNoRedirectGivenAnAllowedEndpointRedirectingElsewhere(int redirect, string location)
    {
        await using var other = await LoopbackReceiver.StartAsync();
        await using var redirecting = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.Headers.Location = location.Replace("{other}", other.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            return Results.StatusCode(redirect);
        });

        var status = await PostAsync("Development", $"http://127.0.0.1:{redirecting.Port}/hooks");

        Assert.Equal(redirect, status); // the partner's answer, a failed attempt
        Assert.Single(redirecting.Requests);
        Assert.Equal(0, other.Connections);
        Assert.True(_network.HeardConnectTo(IPAddress.Loopback, redirecting.Port), _network.ToString());
        Assert.False(_network.HeardConnectTo(IPAddress.Parse("169.254.169.254")), _network.ToString());
        Assert.False(_network.HeardConnectTo(IPAddress.Parse("10.0.0.1")), _network.ToString());
    }

    private Task<int> PostAsync(string environment, string url) =>
        Client(environment).PostAsync(new Uri(url.Replace("{port}", _receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)), "{}", Headers, default);

    /// <summary>The webhook client as the function app composes it in <paramref name="environment"/>.</summary>
    private IWebhookClient Client(string environment)
    {
        var settings = environment == "Development" ? new Dictionary<string, string?>() : Configuration.ProductionConfigurationTests.Production();
        var services = new ServiceCollection().AddLogging();
        services.AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), environment);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IWebhookClient>();
    }
}
