using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Booking.Infrastructure.Cosmos;

namespace Booking.Infrastructure.Tests.Cosmos;

/// <summary>
/// The Cosmos requests the adapter reports (<see cref="CosmosMetrics"/>, as "operation type") while this listens, made
/// from the flow that created it: tests running meanwhile elsewhere are not counted.
/// </summary>
public sealed class CosmosRequests : IDisposable
{
    private static readonly AsyncLocal<CosmosRequests?> Listening = new();

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _operations = new();

    public CosmosRequests()
    {
        Listening.Value = this;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CosmosMetrics.MeterName && instrument.Name == "booking.cosmos.operations")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            if (Listening.Value == this)
            {
                _operations.Enqueue($"{Tag(tags, "operation")} {Tag(tags, "type")}");
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<string> Operations => [.. _operations];

    public void Dispose()
    {
        Listening.Value = null;
        _listener.Dispose();
    }

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
