using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Booking.Infrastructure.Tests.Webhooks;

/// <summary>
/// Hears the runtime's own networking activities in this process: every socket connect ("socket connect
/// ::ffff:127.0.0.1:41234") and DNS lookup ("DNS lookup localhost"), whoever makes them. How "refused before
/// connecting" is asserted rather than assumed; a loopback delivery heard as a connect is the control that it hears at all.
/// </summary>
internal sealed class NetworkActivity : IDisposable
{
    private const string Connect = "socket connect ";
    private readonly ActivityListener _listener;

    public NetworkActivity()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Experimental.System.Net.Sockets" or "Experimental.System.Net.NameResolution",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => Heard.Enqueue(activity.DisplayName), // named with its endpoint by then
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Display names of the connects and lookups ended since this was made.</summary>
    public ConcurrentQueue<string> Heard { get; } = new();

    /// <summary>Whether a socket connected (or tried to) to <paramref name="address"/> (in IPv4-mapped form too), at <paramref name="port"/> when given.</summary>
    public bool HeardConnectTo(IPAddress address, int? port = null) => Connects().Any(e => e.Address.Equals(Plain(address)) && (port is null || e.Port == port));

    public bool HeardLookupOf(string host) => Heard.Any(name => name.Equals("DNS lookup " + host, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => string.Join("; ", Heard);

    public void Dispose() => _listener.Dispose();

    /// <summary>The endpoints connected to, from "socket connect {address}:{port}" (an IPv6 address without brackets).</summary>
    private IEnumerable<IPEndPoint> Connects() =>
        from name in Heard
        where name.StartsWith(Connect, StringComparison.Ordinal)
        let endpoint = name[Connect.Length..]
        let colon = endpoint.LastIndexOf(':')
        where colon > 0
        select new IPEndPoint(Plain(IPAddress.Parse(endpoint[..colon].Trim('[', ']'))), int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
