using System.Net;

namespace Booking.ProductionShape.Tests;

[Collection(ProductionShapeCollection.Name)]
public sealed class StartupTests(ProductionStack stack)
{
    [Fact]
    public void EveryAzureOnlyValueInTheTemplateHasAStandIn() =>
        Assert.True(stack.UnresolvedExpressions.Count == 0,
            "ARM expressions with no stand-in in AzureOnlyValues:" + Environment.NewLine + string.Join(Environment.NewLine, stack.UnresolvedExpressions));

    [Fact]
    public async Task TheAppAnswersHealthInProductionOnTheTemplatesSettings()
    {
        var health = await stack.Api.GetAsync("/api/health");

        Assert.True(health.Status == HttpStatusCode.OK, health + Environment.NewLine + stack.Logs.Problems());
    }
}
