using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>
/// What a developer sees when the host starts: where it listens and keeps its data; a second host on the same data
/// directory shares it; and a clear refusal when the directory holds what this version cannot read.
/// </summary>
public sealed class StartAndDataDirectoryTests
{
    [Fact]
    public async Task SaysWhereItListensAndKeepsDataAndASecondHostOnThatDataServesTheSameData()
    {
        var dataDirectory = NewDataDirectory();
        await using var first = await RunningHost.StartAsync(dataDirectory);
        Assert.Contains($"data in {dataDirectory}", first.Announced, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync("/api/health")).Status);
        var practitioner = await Scenario.PractitionerAsync(first.Client);

        await using var second = await RunningHost.StartAsync(dataDirectory);

        Assert.Contains($"data in {dataDirectory}", second.Announced, StringComparison.Ordinal);
        Assert.Equal(await Scenario.FreeSlotIdsAsync(first.Client, practitioner.Id), await Scenario.FreeSlotIdsAsync(second.Client, practitioner.Id));
        var token = await second.Client.TokenAsync("patient-shared", "patient");
        var booked = await second.Client.PostAsync("/api/appointments", Scenario.Booking((await Scenario.FreeSlotIdsAsync(second.Client, practitioner.Id))[0]), token, "k1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var readByTheFirst = await first.Client.GetAsync($"/api/appointments/{booked.Body["appointmentId"]}", token); // one signing key: tokens work on both
        Assert.Equal("confirmed", readByTheFirst.Body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExitsWithOneLineGivenADataDirectoryHoldingAnEarlierVersionsJournalStore()
    {
        var dataDirectory = NewDataDirectory();
        Directory.CreateDirectory(Path.Combine(dataDirectory, "store"));
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "store", "appointment.journal.jsonl"), "{}\n");

        var (exitCode, output, error) = await HostProcess.RunToExitAsync(HostProcess.StartInfo(["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", "--no-seed"]));

        Assert.Equal(3, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"The data directory {dataDirectory} holds a journal store of an earlier version", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }

    private static string NewDataDirectory() => TemporaryDataDirectories.New();
}
