using System.Globalization;
using Booking.ServiceBusStandIn;

// dotnet run --project tests/Booking.ServiceBusStandIn -- --port 0 --config infra/local/servicebus-config.json
// Prints one ready line: "ServiceBusStandIn ready port=PORT connection=CONNECTION_STRING"; stops on Ctrl+C / SIGTERM.
var port = 0;
string? config = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--config" when i + 1 < args.Length:
            config = args[++i];
            break;
        default:
            await Console.Error.WriteLineAsync("usage: Booking.ServiceBusStandIn [--port PORT] --config servicebus-config.json");
            return 2;
    }
}

if (config is null)
{
    await Console.Error.WriteLineAsync("--config is required (the emulator's config format, e.g. infra/local/servicebus-config.json).");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var standIn = await ServiceBusStandIn.StartAsync(ServiceBusStandInOptions.FromConfigFile(config, port));
Console.WriteLine($"ServiceBusStandIn ready port={standIn.Port} connection={standIn.ConnectionString}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
