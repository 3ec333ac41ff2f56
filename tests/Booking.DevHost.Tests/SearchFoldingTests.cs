using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>
/// Search finds French place names and specialties as people type them: any apostrophe, hyphen or space, no accents,
/// "oe" for "œ"; through the availability summaries (from today) and through the directory (from a later date) alike.
/// </summary>
public sealed class SearchFoldingTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("l'hay-les-roses", "")]
    [InlineData("L'HAY LES ROSES", "")]
    [InlineData("l'hay-les-roses", "&from={0}")]
    [InlineData("L'HAY LES ROSES", "&from={0}")]
    public async Task FindsACityWrittenWithATypographicApostropheGivenItTypedWithAPlainOneOrSpaces(string typed, string from)
    {
        var practitioner = await Scenario.PractitionerAsync(Api, city: "L\u2019Haÿ-les-Roses", specialty: "Psychiatrie");
        await Scenario.PractitionerAsync(Api, city: "Lhay", specialty: "Psychiatrie");

        var item = Assert.Single(await SearchAsync($"city={Uri.EscapeDataString(typed)}" + Later(from)));

        Assert.Equal(practitioner.Id, item["practitionerId"]!.GetValue<string>());
        Assert.Equal("L\u2019Haÿ-les-Roses", item["city"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("chirurgie oeso-gastrique", "")]
    [InlineData("CHIRURGIE OESO GASTRIQUE", "")]
    [InlineData("chirurgie oeso-gastrique", "&from={0}")]
    [InlineData("Chirurgie œso\u2011gastrique", "&from={0}")] // as written, with a non-breaking hyphen
    public async Task FindsASpecialtyWrittenWithALigatureGivenItTypedWithOE(string typed, string from)
    {
        var practitioner = await Scenario.PractitionerAsync(Api, city: "L\u2019Haÿ-les-Roses", specialty: "Chirurgie œso-gastrique");
        await Scenario.PractitionerAsync(Api, city: "L\u2019Haÿ-les-Roses", specialty: "Chirurgie digestive");

        var item = Assert.Single(await SearchAsync($"city=l%27hay-les-roses&specialty={Uri.EscapeDataString(typed)}" + Later(from)));

        Assert.Equal(practitioner.Id, item["practitionerId"]!.GetValue<string>());
        Assert.Equal("Chirurgie œso-gastrique", item["specialty"]!.GetValue<string>());
    }

    private async Task<List<System.Text.Json.Nodes.JsonNode>> SearchAsync(string query)
    {
        var reply = await Api.GetAsync("/api/practitioners?" + query);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return [.. reply.Body["items"]!.AsArray().Select(i => i!)];
    }

    /// <summary>A date after today (which the summaries do not answer for: the directory does) in place of <c>{0}</c>.</summary>
    private static string Later(string from) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, from, DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
