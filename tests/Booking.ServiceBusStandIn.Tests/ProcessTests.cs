using System.Diagnostics;
using System.Text.RegularExpressions;
using Booking.Tests.Shared;

namespace Booking.ServiceBusStandIn.Tests;

/// <summary>The stand-in as a process of its own, as servers.sh runs it, serving clients in this one.</summary>
public sealed partial class ProcessTests
{
    [Fact]
    public async Task StandInRunAsAProcessPrintsAReadyLineAndServesClients()
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "Booking.ServiceBusStandIn.dll"),
                "--port", "0",
                "--config", Path.Combine(TestPaths.RepositoryRoot, "infra", "local", "servicebus-config.json"),
            },
        };
        using var process = Process.Start(startInfo)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var ready = ReadyLine().Match(line ?? string.Empty);
            Assert.True(ready.Success, $"Not a ready line: '{line}'.");
            var connectionString = ready.Groups["connection"].Value;
            Assert.Contains($"Endpoint=sb://127.0.0.1:{ready.Groups["port"].Value};", connectionString, StringComparison.Ordinal);

            await using var client = new ServiceBusClient(connectionString, TestBus.FastRetries());
            await using var sender = client.CreateSender("partner-booking-requests");
            await sender.SendMessageAsync(new ServiceBusMessage("from another process") { MessageId = "p-1" });
            await using var receiver = client.CreateReceiver("partner-booking-requests");
            var message = await TestBus.ReceiveOneAsync(receiver);
            await receiver.CompleteMessageAsync(message);
            Assert.Equal("from another process", message.Body.ToString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex("^ServiceBusStandIn ready port=(?<port>[0-9]+) connection=(?<connection>.+)$")]
    private static partial Regex ReadyLine();
}
