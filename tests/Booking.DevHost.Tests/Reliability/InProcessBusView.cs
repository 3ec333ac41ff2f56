using Booking.Infrastructure.Embedded;
using Booking.Reliability.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests.Reliability;

/// <summary>
/// A fault run's bus view for hosts running in this process: what <paramref name="inner"/> reads, and besides whether
/// an embedded bus of one of the hosts still holds messages its consumers have not settled, which the embedded bus's
/// HTTP view cannot tell. So a drain over in-process hosts ends on the bus being idle, never on a quiet spell.
/// </summary>
internal sealed class InProcessBusView(IBusView inner, IReadOnlyList<IServiceProvider> hosts) : IBusView
{
    public TimeSpan QuietPeriod => inner.QuietPeriod;

    public Task<IReadOnlyList<System.Text.Json.Nodes.JsonNode>> EventsAsync() => inner.EventsAsync();

    public Task<IReadOnlyDictionary<string, int>> DeadLettersAsync() => inner.DeadLettersAsync();

    public Task<IReadOnlyDictionary<string, int>?> LeftoversAsync() => inner.LeftoversAsync();

    public async Task<bool?> BusyAsync()
    {
        var embedded = hosts.Select(h => h.GetService<EmbeddedMessageBus>()).OfType<EmbeddedMessageBus>().ToList();
        foreach (var bus in embedded)
        {
            if (!await IsIdleAsync(bus))
            {
                return true;
            }
        }

        return await inner.BusyAsync() ?? (embedded.Count > 0 ? false : null);
    }

    /// <summary>Whether <paramref name="bus"/> is idle now: its wait, given no time, ends at once either way.</summary>
    private static async Task<bool> IsIdleAsync(EmbeddedMessageBus bus)
    {
        try
        {
            await bus.WhenIdleAsync(TimeSpan.Zero);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
