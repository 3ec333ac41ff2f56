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
        // 14:59:30 on a fake clock: within the next minute both the outbox sweep (every minute) and the reminders
        // (every quarter hour) are due.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 14, 59, 30, TimeSpan.Zero));
        await using var host = await DevHostFixture.StartWithClockAsync(clock, DevHostFixture.Timers("SweepOutbox"));
        Assert.Equal(["SweepOutbox"], host.Services.GetRequiredService<TimerScheduler>().Scheduled.Select(t => t.Name));

        // Two sweeps: the second starts only after the quarter hour has passed, when a scheduled reminder run would have begun.
        clock.Advance(TimeSpan.FromSeconds(31));
        await UntilAsync(host, () => Ran(host, "SweepOutbox") >= 1);
        clock.Advance(TimeSpan.FromMinutes(1));
        await UntilAsync(host, () => Ran(host, "SweepOutbox") >= 2);

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

    private static async Task UntilAsync(DevHostFixture host, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, "the timer did not run within 30 s:" + Environment.NewLine + string.Join(Environment.NewLine, host.LogLines.TakeLast(20)));
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
