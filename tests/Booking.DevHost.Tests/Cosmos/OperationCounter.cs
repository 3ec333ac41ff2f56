using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Booking.Infrastructure.Cosmos;

namespace Booking.DevHost.Tests.Cosmos;

/// <summary>Counts the Cosmos operations (and request units) the adapter reports while it listens.</summary>
public sealed class OperationCounter : IDisposable
{
    private const string SweeperQuery = "query Appointment";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _operations = new();
    private double _requestUnits;

    public OperationCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CosmosMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var operation = $"{Tag(tags, "operation")} {Tag(tags, "type")}";
            // The outbox sweeper's timer (every minute) queries the 64 appointment shards beside whatever a test measures;
            // no request, consumer or hand-off queries appointments.
            if (operation != SweeperQuery)
            {
                _operations.Enqueue(operation);
            }
        });
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_operations)
            {
                _requestUnits += value;
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<string> Operations => _operations.ToList();

    public double RequestUnits
    {
        get
        {
            lock (_operations)
            {
                return _requestUnits;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
