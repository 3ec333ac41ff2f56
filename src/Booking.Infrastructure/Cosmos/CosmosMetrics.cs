using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// Counts Cosmos DB operations and the request units they cost, by operation and document type (never by key):
/// what a booking costs is read off these, in production and in tests.
/// </summary>
public static class CosmosMetrics
{
    public const string MeterName = "Booking.Cosmos";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Operations = Meter.CreateCounter<long>("booking.cosmos.operations", "{operation}");
    private static readonly Counter<double> RequestUnits = Meter.CreateCounter<double>("booking.cosmos.request_units", "RU");

    public static void Record(string operation, string documentType, double requestCharge)
    {
        var tags = new TagList { { "operation", operation }, { "type", documentType } };
        Operations.Add(1, tags);
        RequestUnits.Add(requestCharge, tags);
    }
}
