using System.Web;
using Azure.Messaging.ServiceBus;
using Booking.DevHost;
using Booking.Application.Notifications;
using Booking.Infrastructure.Email;
using Booking.Infrastructure.Sms;
using Booking.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.ProductionShape.Tests;

/// <summary>The Azure services and providers are reached as in Azure: the user-assigned identity, real senders.</summary>
[Collection(ProductionShapeCollection.Name)]
public sealed class ProviderTests(ProductionStack stack)
{
    [Fact]
    public async Task TheManagedIdentityEndpointIsAskedOnlyForTheUserAssignedClientIdForEveryDataPlane()
    {
        // A booking makes the app use Cosmos DB, Key Vault, Service Bus and the access log.
        var practitionerId = await Journey.PractitionerWithScheduleAsync(stack);
        var (slotId, _) = await Journey.FirstFreeSlotAsync(stack, practitionerId);
        var patient = Journey.Patient.New("Identité");
        await Journey.BookAsync(stack, patient, slotId);
        await Journey.EmailsToAsync(stack, patient.Email, 1);
        await stack.Api.GetAsync("/api/me/export", Journey.PatientToken(stack, patient.ObjectId));

        var asked = stack.Identity.Requests.Select(r => HttpUtility.ParseQueryString(new Uri(stack.Identity.Endpoint, r.PathAndQuery).Query)).ToList();

        Assert.NotEmpty(asked);
        Assert.All(asked, query => Assert.Equal(stack.IdentityClientId, query["client_id"]));
        Assert.All(stack.Identity.Requests, r => Assert.Equal(200, r.Status));
        var resources = asked.Select(q => q["resource"]).ToHashSet();
        Assert.Contains(CosmosServerWithAad.Audience, resources);
        Assert.Contains(KeyVaultSecretsStandIn.VaultResource, resources);
        Assert.Contains(ProductionStack.ServiceBusAudience, resources);
        Assert.Contains("https://storage.azure.com", resources);
    }

    [Fact]
    public void TheServiceBusTriggersRunOnTheirConnectionsClientNotTheApps()
    {
        var connections = stack.Services.GetRequiredService<ServiceBusConnections>();
        var appClient = stack.Services.GetRequiredService<ServiceBusClient>();

        Assert.All(stack.Services.GetRequiredService<FunctionCatalog>().ServiceBus, function =>
        {
            var client = connections.For(function);
            Assert.NotSame(appClient, client);
            Assert.Equal(stack.Setting($"{function.Connection}:fullyQualifiedNamespace"), client.FullyQualifiedNamespace);
        });
    }

    [Fact]
    public void EmailAndSmsGoThroughSmtpAndTheSmsProviderNotAnInMemorySink()
    {
        var senders = stack.Services.GetServices<INotificationSender>().ToList();

        Assert.Equal(
            [(NotificationChannel.Email, typeof(SmtpEmailSender)), (NotificationChannel.Sms, typeof(HttpSmsSender))],
            senders.Select(s => (s.Channel, s.GetType())).OrderBy(s => s.Channel).ToList());
    }
}
