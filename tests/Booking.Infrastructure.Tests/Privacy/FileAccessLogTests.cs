using Booking.Application.Privacy;
using Booking.Domain.Patients;
using Booking.Infrastructure.AccessLog;
using Booking.Infrastructure.Files;
using Booking.Infrastructure.Tests.Embedded;
using NodaTime;

namespace Booking.Infrastructure.Tests.Privacy;

/// <summary>The local access log writes concurrent appends together, each on disk before its task completes.</summary>
public sealed class FileAccessLogTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Instant Noon = Instant.FromUtc(2026, 1, 10, 12, 0);
    private readonly TemporaryDataDirectory _data = new();

    private string LogDirectory => Path.Combine(_data.Root, "access-log");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ReadsBackEveryEntryOnceAsWholeLinesAfterARestartGivenConcurrentAppends()
    {
        using (var log = new FileAccessLog(_data.Root))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => log.AppendAsync(Entry(Noon, $"p{i}"), default)))).WaitAsync(Patience);
        }

        using var restarted = new FileAccessLog(_data.Root);
        var read = await restarted.BetweenAsync(Instant.MinValue, Instant.MaxValue, default);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"p{i}").Order(StringComparer.Ordinal), read.Select(e => e.PatientId).Order(StringComparer.Ordinal));
        Assert.Equal(200, File.ReadAllLines(Path.Combine(LogDirectory, "2026-01-10.jsonl")).Length);
    }

    [Fact]
    public async Task WritesEachEntryToItsUtcDaysFileGivenAppendsOfTwoDaysAtOnce()
    {
        using var log = new FileAccessLog(_data.Root);
        var lastMinute = Instant.FromUtc(2026, 1, 10, 23, 59);
        var nextDay = lastMinute + Duration.FromMinutes(1);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => log.AppendAsync(Entry(i % 2 == 0 ? lastMinute : nextDay, $"p{i}"), default)))).WaitAsync(Patience);

        Assert.Equal(20, File.ReadAllLines(Path.Combine(LogDirectory, "2026-01-10.jsonl")).Length);
        Assert.Equal(20, File.ReadAllLines(Path.Combine(LogDirectory, "2026-01-11.jsonl")).Length);
        Assert.All(await log.BetweenAsync(nextDay, Instant.MaxValue, default), e => Assert.Equal(1, int.Parse(e.PatientId[1..], null) % 2));
    }

    [Fact]
    public async Task WritesAppendsQueuedWhileAnotherHostHoldsTheLockInOneGroup()
    {
        using var log = new FileAccessLog(_data.Root);
        Task[] appends;
        using (HoldLock())
        {
            appends = [.. Enumerable.Range(0, 200).Select(i => log.AppendAsync(Entry(Noon, $"p{i}"), default))];
            Assert.DoesNotContain(appends, a => a.IsCompleted); // nothing is reported written before it is
        }

        await Task.WhenAll(appends).WaitAsync(Patience);

        // The writer may have taken the first few before it found the lock taken; the rest wait, then go as one.
        Assert.InRange(log.GroupsWritten, 1, 2);
        Assert.Equal(200, (await log.BetweenAsync(Instant.MinValue, Instant.MaxValue, default)).Count);
    }

    [Fact]
    public async Task EndsEveryPendingAppendAndRefusesNewOnesGivenDisposal()
    {
        var log = new FileAccessLog(_data.Root);
        var pending = Enumerable.Range(0, 100).Select(i => log.AppendAsync(Entry(Noon, $"p{i}"), default)).ToList();

        log.Dispose();

        await Task.WhenAll(pending).WaitAsync(Patience); // queued before the disposal, so written by it
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync(Entry(Noon, "late"), default).WaitAsync(Patience));
        using var restarted = new FileAccessLog(_data.Root);
        Assert.Equal(100, (await restarted.BetweenAsync(Instant.MinValue, Instant.MaxValue, default)).Count);
    }

    [Fact]
    public async Task FaultsEveryAppendOfTheGroupGivenTheWriteFails()
    {
        Directory.CreateDirectory(LogDirectory);
        Directory.CreateDirectory(Path.Combine(LogDirectory, "2026-01-10.jsonl")); // a directory where the day's file goes
        using var log = new FileAccessLog(_data.Root);

        List<Task> appends;
        using (HoldLock())
        {
            appends = [.. Enumerable.Range(0, 20).Select(i => log.AppendAsync(Entry(Noon, $"p{i}"), default))];
        }

        foreach (var append in appends)
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => append.WaitAsync(Patience));
        }

        // One group (or two, if the writer took the first before the lock was held): those of a group share the failure.
        Assert.InRange(appends.Select(a => a.Exception!.InnerException).Distinct().Count(), 1, 2);

        Assert.Equal(0, log.GroupsWritten);
    }

    private FileLock HoldLock()
    {
        Directory.CreateDirectory(LogDirectory);
        return FileLock.Acquire(Path.Combine(LogDirectory, ".lock"));
    }

    private static AccessLogEntry Entry(Instant at, string patient) =>
        new(at, "practitioner:P1", "practitioner", patient, "A-" + patient, [PersonalField.FirstName], AccessPurpose.PractitionerAgenda);
}
