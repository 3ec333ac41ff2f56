using System.Net;

namespace Booking.DevHost.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task DataAndTokensSurviveARestartOnTheSameDataDirectory()
    {
        string appointmentPath, token, dataDirectory, slot;
        await using (var first = await DevHostFixture.StartAsync())
        {
            var practitioner = await Scenario.PractitionerAsync(first.Client);
            slot = (await Scenario.FreeSlotIdsAsync(first.Client, practitioner.Id))[0];
            token = await first.Client.TokenAsync("patient-a", "patient");
            var booked = await first.Client.PostAsync("/api/appointments", Scenario.Booking(slot), token, "k1");
            appointmentPath = $"/api/appointments/{booked.Body["appointmentId"]}";
            dataDirectory = first.DataDirectory;
        }

        await using var second = await DevHostFixture.StartAsync(dataDirectory);
        var reread = await second.Client.GetAsync(appointmentPath, token);
        var rebook = await second.Client.PostAsync("/api/appointments", Scenario.Booking(slot), await second.Client.TokenAsync("patient-b", "patient"), "k1");

        Assert.Equal(HttpStatusCode.OK, reread.Status);
        Assert.Equal("confirmed", reread.Body["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, rebook.Status);
    }

    [Fact]
    public async Task SeedsDemoPractitionersOnceWithSchedulesAndAccentedNames()
    {
        var dataDirectory = TemporaryDataDirectories.New();
        int firstCount;
        await using (var first = await DevHostFixture.StartAsync(dataDirectory, seed: true))
        {
            var search = await first.Client.GetAsync("/api/practitioners?city=evry");
            var items = search.Body["items"]!.AsArray();
            Assert.NotEmpty(items);
            Assert.Contains(items, i => i!["city"]!.GetValue<string>() == "Évry");
            Assert.All(items, i => Assert.NotEmpty(i!["firstFreeSlots"]!.AsArray()));
            firstCount = items.Count;
        }

        await using var second = await DevHostFixture.StartAsync(dataDirectory, seed: true);
        Assert.Equal(firstCount, (await second.Client.GetAsync("/api/practitioners?city=evry")).Body["items"]!.AsArray().Count);
    }
}
