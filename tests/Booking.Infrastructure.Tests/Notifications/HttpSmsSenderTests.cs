using System.Net;
using System.Text.Json.Nodes;
using Booking.Application.Notifications;
using Booking.Infrastructure.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Infrastructure.Tests.Notifications;

/// <summary>The SMS sender against a real HTTP listener on a loopback port standing in for the provider.</summary>
public sealed class HttpSmsSenderTests : IAsyncLifetime
{
    private readonly List<(string? Auth, JsonNode Body)> _received = [];
    private WebApplication _provider = null!;
    private int _status = 202;

    private Uri Endpoint => new(_provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/messages");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapPost("/messages", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            lock (_received)
            {
                _received.Add((context.Request.Headers.Authorization.ToString(), body!));
            }

            return Results.StatusCode(_status);
        });
        await _provider.StartAsync();
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private HttpSmsSender Sender()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SmsOptions { Endpoint = Endpoint, AuthHeaderValue = "Bearer provider-token", Sender = "Booking" });
        return new HttpSmsSender(new HttpClient(), options);
    }

    [Fact]
    public async Task PostsTheNumberAndTextWithTheConfiguredCredential()
    {
        await Sender().SendAsync(new OutgoingNotification(NotificationChannel.Sms, "reminder", "+33612345678", "", "Tomorrow 09:00.", "A1"), default);

        var (auth, body) = Assert.Single(_received);
        Assert.Equal("Bearer provider-token", auth);
        Assert.Equal("+33612345678", body["to"]!.GetValue<string>());
        Assert.Equal("Tomorrow 09:00.", body["text"]!.GetValue<string>());
        Assert.Equal("Booking", body["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailsOnAProviderErrorSoTheMessageIsRetried()
    {
        _status = 503;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sender().SendAsync(new OutgoingNotification(NotificationChannel.Sms, "reminder", "+33612345678", "", "x", "A1"), default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }
}
