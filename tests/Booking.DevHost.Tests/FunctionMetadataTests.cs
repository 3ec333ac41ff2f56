using System.Text.Json.Nodes;
using Booking.Functions;

namespace Booking.DevHost.Tests;

/// <summary>
/// The Functions host reads routes and schedules from the build's generated functions.metadata; the local
/// host reads them from the attributes. This pins the two to the same set.
/// </summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public void GeneratedMetadataListsExactlyTheRoutesAndTimersTheLocalHostServes()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray();
        var fromMetadata = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var function in metadata)
        {
            var trigger = function!["bindings"]!.AsArray().First(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            fromMetadata.Add(trigger["type"]!.GetValue<string>() switch
            {
                "httpTrigger" => $"{function["name"]} http {string.Join(',', trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))} {trigger["route"]}",
                "timerTrigger" => $"{function["name"]} timer {trigger["schedule"]}",
                "serviceBusTrigger" => $"{function["name"]} serviceBus {trigger["queueName"] ?? trigger["topicName"]} {trigger["subscriptionName"]}",
                var other => $"{function["name"]} {other}",
            });
        }

        var catalog = FunctionCatalog.Discover(typeof(FunctionServices).Assembly);
        var served = new SortedSet<string>(
            catalog.Http.Select(h => $"{h.Name} http {string.Join(',', h.Methods)} {h.Route}")
                .Concat(catalog.Timers.Select(t => $"{t.Name} timer {t.Schedule}"))
                .Concat(catalog.ServiceBus.Select(s => $"{s.Name} serviceBus {s.Entity} {s.Subscription}")),
            StringComparer.Ordinal);

        Assert.NotEmpty(served);
        Assert.Equal(fromMetadata, served);
    }
}
