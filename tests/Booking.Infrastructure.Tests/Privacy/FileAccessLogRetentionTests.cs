using Booking.Application.Privacy;
using Booking.Application.Retention;
using Booking.Domain.Patients;
using Booking.Infrastructure.AccessLog;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Booking.Infrastructure.Tests.Privacy;

/// <summary>The local access log keeps whole days for its retention, then drops them; hosts sharing it lose no entry.</summary>
public sealed class FileAccessLogRetentionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("access-log-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DaysOlderThanTheRetentionGoAndEverythingNewerStays()
    {
        using var log = new FileAccessLog(_directory);
        var day = Instant.FromUtc(2026, 1, 10, 23, 59);
        await log.AppendAsync(Entry(day - Duration.FromDays(1), "old"), default);
        await log.AppendAsync(Entry(day, "edge"), default);
        await log.AppendAsync(Entry(day, "edge"), default);
        await log.AppendAsync(Entry(day + Duration.FromMinutes(2), "kept"), default);
        var clock = new FakeTimeProvider((day + Duration.FromDays(10)).ToDateTimeOffset());
        var retention = new FileAccessLogRetention(log, Microsoft.Extensions.Options.Options.Create(new RetentionOptions { AccessLogDays = 10 }), clock);

        Assert.Equal(1, await retention.PurgeAsync(default)); // 10 January is still inside the 10 days
        Assert.Equal(["edge", "edge", "kept"], (await log.BetweenAsync(Instant.MinValue, Instant.MaxValue, default)).Select(e => e.PatientId));

        clock.Advance(TimeSpan.FromMinutes(1)); // now 11 January + 10 days: the 10th has expired
        Assert.Equal(2, await retention.PurgeAsync(default));
        using var restarted = new FileAccessLog(_directory);
        Assert.Equal("kept", Assert.Single(await restarted.BetweenAsync(Instant.MinValue, Instant.MaxValue, default)).PatientId);
        Assert.Equal(0, await retention.PurgeAsync(default));
    }

    [Fact]
    public async Task KeepsEveryEntryGivenTwoHostsAppendingToOneDirectoryAtOnce()
    {
        using var first = new FileAccessLog(_directory);
        using var second = new FileAccessLog(_directory);
        var at = Instant.FromUtc(2026, 1, 10, 12, 0);

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).AppendAsync(Entry(at, $"p{i}"), default))));

        var read = await first.BetweenAsync(Instant.MinValue, Instant.MaxValue, default);
        Assert.Equal(400, read.Select(e => e.PatientId).Distinct().Count());
    }

    private static AccessLogEntry Entry(Instant at, string patient) =>
        new(at, "practitioner:P1", "practitioner", patient, "A-" + patient, [PersonalField.FirstName], AccessPurpose.PractitionerAgenda);
}
