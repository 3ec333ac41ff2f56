namespace Booking.Reliability.Scenarios;

/// <summary>
/// The host a fault run talks to, started and stopped over one data directory: without faults to set up and to
/// inspect, with them for the run itself. Stopping and starting again also shows nothing is lost in a restart.
/// </summary>
public interface IFaultRunHost
{
    Task<BookingApi> StartAsync(bool withFaults);

    Task StopAsync();
}
