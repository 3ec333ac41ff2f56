using System.Text.RegularExpressions;
using Booking.DevHost;
using Booking.Tests.Shared.Infra;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.ProductionShape.Tests;

/// <summary>
/// Every setting the app reads in Azure must come from the template's app settings or from the appsettings.json that
/// ships with it — or be an optional one listed in <see cref="OptionalSettings"/> with why Azure leaves it unset.
/// </summary>
[Collection(ProductionShapeCollection.Name)]
public sealed partial class SettingsCoverageTests(ProductionStack stack)
{
    [Fact]
    public async Task EverySettingReadDuringTheJourneyAndEveryTimerIsGivenByTheTemplateOrTheShippedAppSettings()
    {
        await DriveEverythingAsync();

        var provided = stack.Template.AsConfigurationKeys().Keys
            .Concat(ShippedAppSettings.Values.Keys)
            .Concat(HarnessSettings.Additions(0).Select(a => a.Name.Replace("__", ":", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var platform = HarnessSettings.PlatformVariables.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unprovided = stack.ReadSettings.Keys
            .Where(key => !provided.Contains(key)
                && !provided.Any(p => p.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)) // a section, not a setting
                && !stack.AmbientEnvironment.Contains(key)
                && !platform.Contains(key)
                && !OptionalSettings.Covers(key))
            .ToList();

        Assert.True(unprovided.Count == 0,
            "Read by the app, but set neither by the template nor by appsettings.json (set it in infra/main.bicep, or list it in OptionalSettings with the reason Azure leaves it unset):"
            + Environment.NewLine + string.Join(Environment.NewLine, unprovided));
    }

    [Fact]
    public void EveryPercentSettingInATriggerAttributeResolvesFromTheTemplate()
    {
        var template = stack.Template.AsConfigurationKeys();
        var referenced = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Booking.Functions"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => PercentSetting().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, key => Assert.True(template.TryGetValue(key, out var value) && value.Length > 0, $"%{key}% is not an app setting of the template"));
    }

    [Fact]
    public void EveryServiceBusTriggersConnectionIsAnIdentityBasedConnectionOfTheTemplate()
    {
        var template = stack.Template.AsConfigurationKeys();
        var connections = stack.Services.GetRequiredService<FunctionCatalog>().ServiceBus.Select(f => f.Connection).Distinct().ToList();

        Assert.NotEmpty(connections);
        Assert.All(connections, connection =>
        {
            Assert.False(string.IsNullOrEmpty(connection), "a Service Bus trigger without Connection: the Functions host would look for AzureWebJobsServiceBus");
            Assert.True(template.ContainsKey($"{connection}:fullyQualifiedNamespace"), $"{connection}__fullyQualifiedNamespace");
            Assert.Equal("managedidentity", template[$"{connection}:credential"]);
            Assert.Equal(stack.IdentityClientId, stack.Setting($"{connection}:clientId"));
        });
    }

    /// <summary>A booking with its notifications, a patient's export, and every timer function run once.</summary>
    private async Task DriveEverythingAsync()
    {
        var practitionerId = await Journey.PractitionerWithScheduleAsync(stack);
        var (slotId, _) = await Journey.FirstFreeSlotAsync(stack, practitionerId);
        var patient = Journey.Patient.New("Réglages");
        await Journey.BookAsync(stack, patient, slotId);
        await Journey.EmailsToAsync(stack, patient.Email, 1);
        await Journey.SmsToAsync(stack, patient.Phone, 1);
        await stack.Api.GetAsync("/api/me/export", Journey.PatientToken(stack, patient.ObjectId));
        var timers = stack.Services.GetRequiredService<TimerScheduler>();
        foreach (var timer in stack.Services.GetRequiredService<FunctionCatalog>().Timers)
        {
            Assert.True(await timers.RunNowAsync(timer.Name, CancellationToken.None), timer.Name);
        }
    }

    [GeneratedRegex("\"%(?<key>[A-Za-z0-9_:.]+)%\"")]
    private static partial Regex PercentSetting();
}
