namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class MonitoringTests(CompiledInfra infra)
{
    private const string ComponentType = "Microsoft.Insights/components";

    [Fact]
    public void ApplicationInsightsDisablesLocalAuthOnLogAnalyticsWorkspace()
    {
        var appInsights = Assert.Single(ArmTemplate.Declared(infra.Template, ComponentType));
        var workspace = infra.Dev.Only("Microsoft.OperationalInsights/workspaces");

        Assert.True(appInsights.Properties.BoolAt("DisableLocalAuth"));
        Assert.Equal(workspace.StringAt("id"), infra.Dev.Only(ComponentType).StringAt("properties", "WorkspaceResourceId"));
        Assert.True(workspace.BoolAt("properties", "features", "disableLocalAuth"));
    }

    [Fact]
    public void AppIdentityIsMonitoringMetricsPublisherOnApplicationInsights() =>
        Assert.Single(AppIdentity.RoleAssignmentsOn(
            infra.Dev, Roles.MonitoringMetricsPublisher, infra.Dev.Only(ComponentType).StringAt("id")!));
}
