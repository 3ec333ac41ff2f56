using System.Text.Json;
using System.Text.RegularExpressions;

namespace Booking.Functions.Tests;

/// <summary>
/// Under Core Tools the host resolves a trigger's <c>%Section:Key%</c> from local.settings.json's Values only, as Azure does
/// from app settings: the sample a developer copies must name every one, and say it is a Development host.
/// </summary>
public sealed partial class LocalSettingsSampleTests
{
    [Fact]
    public void TheSampleNamesEveryTriggerSettingAndTheDevelopmentEnvironment()
    {
        var root = Booking.Tests.Shared.TestPaths.RepositoryRoot;
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        var timers = Directory.EnumerateFiles(Path.Combine(root, "src", "Booking.Functions", "Timers"), "*.cs")
            .SelectMany(file => TriggerSetting().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(timers);
        Assert.All(timers, setting => Assert.True(values.ContainsKey(setting), $"{setting} is missing from local.settings.sample.json"));
        Assert.Equal("Development", values["AZURE_FUNCTIONS_ENVIRONMENT"]);
    }

    [GeneratedRegex("\"%([A-Za-z]+:[A-Za-z]+)%\"")]
    private static partial Regex TriggerSetting();
}
