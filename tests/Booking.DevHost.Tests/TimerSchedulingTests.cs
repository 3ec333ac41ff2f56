using Booking.DevHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Booking.DevHost.Tests;

/// <summary><c>DevHost:Timers</c>: which timer functions run on their schedules (the test fixtures' default is none).</summary>
public sealed class TimerSchedulingTests
{
    [Fact]
    public async Task OnlyTheNamedTimersRunOnTheirSchedulesGivenAList()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 14, 59, 30, TimeSpan.Zero));
        await using var host = await DevHostFixture.StartWithClockAsync(clock, DevHostFixture.Timers("SweepOutbox"));
        Assert.Equal(["SweepOutbox"], host.Services.GetRequiredService<TimerScheduler>().Scheduled.Select(t => t.Name));

        // The scheduler's loops start in the background (.NET 10 runs ExecuteAsync off the start), all at once: step the
        // clock a minute at a time until the first sweep; from then on every scheduled loop is waiting on the clock.
        for (var step = 0; Ran(host, "SweepOutbox") == 0; step++)
        {
            Assert.True(step < 60, "the sweep never ran on its schedule");
            clock.Advance(TimeSpan.FromMinutes(1));
            await UntilAsync(() => Ran(host, "SweepOutbox") > 0, TimeSpan.FromSeconds(1), orElse: () => { });
        }

        // Past a quarter hour (the reminders' schedule), then two more sweeps: sentinels that the clock's due timers have run.
        var sweeps = Ran(host, "SweepOutbox");
        clock.Advance(TimeSpan.FromMinutes(16));
        await UntilAsync(host, () => Ran(host, "SweepOutbox") > sweeps);
        clock.Advance(TimeSpan.FromMinutes(1));
        await UntilAsync(host, () => Ran(host, "SweepOutbox") > sweeps + 1);

        Assert.Equal(0, Ran(host, "SendReminders"));
        Assert.Equal(0, Ran(host, "OfferFreedSlots")); // every minute too, but not asked for
    }

    [Fact]
    public async Task NoTimerRunsOnItsScheduleByDefaultInTheFixturesYetEachRunsWhenAsked()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 14, 59, 30, TimeSpan.Zero));
        await using var host = await DevHostFixture.StartWithClockAsync(clock);
        var timers = host.Services.GetRequiredService<TimerScheduler>();
        Assert.Empty(timers.Scheduled);

        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True(await timers.RunNowAsync("SweepOutbox", CancellationToken.None)); // a sentinel: it ran, the others did not

        Assert.Equal(1, Ran(host, "SweepOutbox"));
        Assert.Equal(0, Ran(host, "SendReminders"));
        Assert.Equal(0, Ran(host, "OfferFreedSlots"));
    }

    [Fact]
    public async Task AHostRefusesToStartGivenATimerNameItDoesNotHave()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DevHostFixture.StartAsync(extraArgs: "--DevHost:Timers=SendRemindres"));

        Assert.Contains("SendRemindres", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SendReminders", refused.Message, StringComparison.Ordinal); // the names it has
    }

    private static int Ran(DevHostFixture host, string function) =>
        host.LogLines.Count(l => l.Contains($"Timer function {function} ran", StringComparison.Ordinal));

    private static Task UntilAsync(DevHostFixture host, Func<bool> condition) =>
        UntilAsync(condition, TimeSpan.FromSeconds(30), orElse: () => Assert.Fail(
            "the timer did not run within 30 s:" + Environment.NewLine + string.Join(Environment.NewLine, host.LogLines.TakeLast(20))));

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Action orElse)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                orElse();
                return;
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
