namespace Booking.Reliability.Scenarios;

/// <summary>
/// The hosts a fault run talks to, started and stopped over one store: without faults to set up and to inspect,
/// with them for the run itself. Stopping and starting again also shows nothing is lost in a restart.
/// </summary>
public interface IFaultRunHost
{
    /// <summary>Starts the hosts (one, or several sharing a store and a bus); clients are spread over them.</summary>
    Task<IReadOnlyList<BookingApi>> StartAsync(bool withFaults);

    Task StopAsync();

    /// <summary>Where the run reads what the bus carried: by default the first host's embedded bus (<c>/dev/bus</c>).</summary>
    IBusView BusView(IReadOnlyList<BookingApi> hosts) => new EmbeddedBusView(hosts[0]);
}
