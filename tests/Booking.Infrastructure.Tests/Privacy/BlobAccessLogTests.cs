using Azure.Storage.Blobs;
using Booking.Application.Privacy;
using Booking.Domain.Patients;
using Booking.Infrastructure.AccessLog;
using Booking.Infrastructure.Tests.LocalServers;
using NodaTime;

namespace Booking.Infrastructure.Tests.Privacy;

/// <summary>The Azure access log against a real Azurite.</summary>
public sealed class BlobAccessLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 11, 28, 12, 0);

    private async Task<(BlobAccessLog Log, BlobContainerClient Container)> NewLogAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("access-log-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateIfNotExistsAsync();
        return (new BlobAccessLog(container), container);
    }

    private static AccessLogEntry Entry(Instant at, string patient, string principal = "practitioner:P1") =>
        new(at, principal, "practitioner", patient, "A-" + patient, [PersonalField.FirstName, PersonalField.Reason], AccessPurpose.PractitionerAgenda);

    [Fact]
    public async Task AnswersWhoReadAPatientsDataAndWhatWasReadInAWindow()
    {
        var (log, _) = await NewLogAsync();
        await log.AppendAsync(Entry(Noon, "alice"), default);
        await log.AppendAsync(Entry(Noon + Duration.FromMinutes(30), "bob"), default);
        await log.AppendAsync(Entry(Noon + Duration.FromHours(2), "alice", "operator:o1"), default);

        var aboutAlice = await log.AboutPatientAsync("alice", default);
        var window = await log.BetweenAsync(Noon, Noon + Duration.FromHours(1), default);

        Assert.Equal(new[] { "practitioner:P1", "operator:o1" }, aboutAlice.Select(e => e.Principal));
        Assert.Equal(new[] { PersonalField.FirstName, PersonalField.Reason }, aboutAlice[0].Fields);
        Assert.Equal(new[] { "alice", "bob" }, window.Select(e => e.PatientId));
        Assert.Empty(await log.AboutPatientAsync("nobody", default));
    }

    [Fact]
    public async Task WritesAppendBlobsThatHoldIdsOnly()
    {
        var (log, container) = await NewLogAsync();
        await log.AppendAsync(Entry(Noon, "alice"), default);

        var blobs = new List<Azure.Storage.Blobs.Models.BlobItem>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, default))
        {
            blobs.Add(blob);
        }

        Assert.Equal(2, blobs.Count);
        Assert.All(blobs, b => Assert.Equal(Azure.Storage.Blobs.Models.BlobType.Append, b.Properties.BlobType));
        Assert.Contains(blobs, b => b.Name == "by-patient/alice.log");
        Assert.Contains(blobs, b => b.Name.StartsWith("by-hour/2026-11-28/12/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConcurrentAppendsAreAllKept()
    {
        var (log, _) = await NewLogAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => log.AppendAsync(Entry(Noon + Duration.FromSeconds(i), "carol"), default)));

        Assert.Equal(40, (await log.AboutPatientAsync("carol", default)).Count);
    }
}
