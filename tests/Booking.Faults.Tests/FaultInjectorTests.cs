using Booking.Application.Storage;
using Microsoft.Extensions.Options;

namespace Booking.Faults.Tests;

public sealed class FaultInjectorTests
{
    private static FaultInjector Injector(double rate, int seed = 7, string kinds = "Transient,Timeout,CrashAfter", string targets = "Store,Bus,Notifications") =>
        new(Options.Create(new FaultOptions { Rate = rate, Seed = seed, Kinds = kinds, Targets = targets, TimeoutMilliseconds = 30 }));

    [Fact]
    public void TheSameSeedDrawsTheSameFaultsForTheSameCalls()
    {
        var first = Injector(0.2, seed: 42);
        var second = Injector(0.2, seed: 42);
        var other = Injector(0.2, seed: 43);

        var a = Enumerable.Range(0, 500).Select(_ => first.Next(FaultTarget.Store)).ToList();
        var b = Enumerable.Range(0, 500).Select(_ => second.Next(FaultTarget.Store)).ToList();
        var c = Enumerable.Range(0, 500).Select(_ => other.Next(FaultTarget.Store)).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void FailsAboutTheConfiguredShareOfCallsWithEveryKind()
    {
        var faults = Injector(0.2);

        var draws = Enumerable.Range(0, 20_000).Select(_ => faults.Next(FaultTarget.Bus)).ToList();

        var share = draws.Count(d => d != FaultKind.None) / (double)draws.Count;
        Assert.InRange(share, 0.18, 0.22);
        Assert.All([FaultKind.Transient, FaultKind.Timeout, FaultKind.CrashAfter], k => Assert.InRange(draws.Count(d => d == k), 1_100, 1_600));
        Assert.Equal(draws.Count(d => d == FaultKind.CrashAfter), faults.Counts()["Bus"]["CrashAfter"]);
    }

    [Fact]
    public void TargetsNotListedAreNeverFailed()
    {
        var faults = Injector(1.0, targets: "Bus");

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(FaultKind.None, faults.Next(FaultTarget.Store)));
        Assert.NotEqual(FaultKind.None, faults.Next(FaultTarget.Bus));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void ARateOutsideZeroToOneIsRefused(double rate) =>
        Assert.Throws<InvalidOperationException>(() => Injector(rate));

    [Fact]
    public void AnUnknownKindIsRefusedNamingTheKnownOnes()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Injector(0.2, kinds: "Transient,Meteor"));
        Assert.Contains("CrashAfter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATransientStoreFaultFailsLikeTheAdapterAndDoesNothing()
    {
        var calls = 0;
        var faults = Injector(1.0, kinds: "Transient");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => faults.RunAsync(FaultTarget.Store, "a write", () => Task.FromResult(++calls), default));

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task ATimeoutHangsThenFailsAndDoesNothing()
    {
        var calls = 0;
        var faults = Injector(1.0, kinds: "Timeout");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<InjectedFaultException>(() => faults.RunAsync(FaultTarget.Bus, "a send", () => Task.FromResult(++calls), default));

        Assert.True(clock.ElapsedMilliseconds >= 25, $"failed after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task ACrashAfterDoesTheWorkThenFails()
    {
        var calls = 0;
        var faults = Injector(1.0, kinds: "CrashAfter");

        await Assert.ThrowsAsync<InjectedCrashException>(() => faults.RunAsync(FaultTarget.Notifications, "a send", () => Task.FromResult(++calls), default));

        Assert.Equal(1, calls);
    }
}
