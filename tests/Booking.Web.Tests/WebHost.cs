using Booking.DevHost.Tests;

namespace Booking.Web.Tests;

/// <summary>The local host (DevHostFixture: in this process, free port, own data directory) serving the web app and the API.</summary>
public sealed class WebHost : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    public ApiClient Api => _host.Client;

    public DevHostFixture Host => _host;

    /// <summary>http://127.0.0.1:port, no trailing slash.</summary>
    public string Origin => Api.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
