using System.Globalization;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>One local host and its world for all the hostile-input tests; the partner rate limit is lifted so it does not answer for the validators.</summary>
public sealed class HostileHost : IAsyncLifetime
{
    private DevHostFixture? _host;
    private HostileWorld? _world;
    private string _observedSlots = "";

    public DevHostFixture Fixture => _host ?? throw new InvalidOperationException("The host is not started.");

    public HostileWorld World => _world ?? throw new InvalidOperationException("The host is not started.");

    public async Task InitializeAsync()
    {
        // No timer runs on its own (the fixture's default): a reminder run at a quarter hour, filing reminders and delivery
        // records for the world's appointments within a day, would look like a refused request changing the store.
        _host = await DevHostFixture.StartAsync(extraArgs: ["--Partners:RequestsPerMinute=1000000"]);
        _world = await HostileWorld.BuildAsync(_host);

        // The observed dates are fixed once, from tomorrow: neither the passing of time nor a run crossing midnight moves them.
        var tomorrow = DateTime.UtcNow.AddDays(1);
        _observedSlots = string.Create(CultureInfo.InvariantCulture,
            $"/api/practitioners/{World.ObservedPractitioner}/slots?from={tomorrow:yyyy-MM-dd}&to={tomorrow.AddDays(7):yyyy-MM-dd}");
    }

    /// <summary>
    /// What the API shows of the observed practitioner and patient: free slots (of the dates fixed at the start, from
    /// tomorrow), the patient's appointments and the practitioner's agenda.
    /// </summary>
    public async Task<string> ObservedThroughTheApiAsync()
    {
        var api = Fixture.Client;
        var slots = await api.GetAsync(_observedSlots);
        var mine = await api.GetAsync("/api/me/appointments", World.ObservedPatientToken);
        var agenda = await api.GetAsync($"/api/practitioners/{World.ObservedPractitioner}/agenda?date={World.AgendaDate}", World.ObservedPractitionerToken);
        return string.Join("\n", slots, mine, agenda);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
