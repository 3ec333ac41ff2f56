using System.Globalization;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>One local host and its world for all the hostile-input tests; the partner rate limit is lifted so it does not answer for the validators.</summary>
public sealed class HostileHost : IAsyncLifetime
{
    private DevHostFixture? _host;
    private HostileWorld? _world;

    public DevHostFixture Fixture => _host ?? throw new InvalidOperationException("The host is not started.");

    public HostileWorld World => _world ?? throw new InvalidOperationException("The host is not started.");

    public async Task InitializeAsync()
    {
        // The timers that write on their own (a reminder run at a quarter hour files reminders and delivery records for
        // the world's appointments within a day) would look like a refused request changing the store: they are not
        // what these tests check, so they run only on New Year's Day.
        string[] quietTimers = ["--Reminders:Schedule=0 0 0 1 1 *", "--Retention:PurgeSchedule=0 0 0 1 1 *",
            "--KeyVault:RewrapSchedule=0 0 0 1 1 *", "--DeadLetters:RedriveSchedule=0 0 0 1 1 *", "--Waitlist:OfferSchedule=0 0 0 1 1 *"];
        _host = await DevHostFixture.StartAsync(extraArgs: ["--Partners:RequestsPerMinute=1000000", .. quietTimers]);
        _world = await HostileWorld.BuildAsync(_host);
    }

    /// <summary>
    /// What the API shows of the observed practitioner and patient: free slots (from tomorrow, so the passing of
    /// time does not move them), the patient's appointments and the practitioner's agenda.
    /// </summary>
    public async Task<string> ObservedThroughTheApiAsync()
    {
        var api = Fixture.Client;
        var from = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateTime.UtcNow.AddDays(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slots = await api.GetAsync($"/api/practitioners/{World.ObservedPractitioner}/slots?from={from}&to={to}");
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
