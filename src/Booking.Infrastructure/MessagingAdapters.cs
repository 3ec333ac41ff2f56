using Azure.Core;
using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Partners;
using Booking.Infrastructure.Email;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Notifications;
using Booking.Infrastructure.ServiceBus;
using Booking.Infrastructure.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure;

/// <summary>
/// Picks the messaging adapters. <c>ServiceBus:FullyQualifiedNamespace</c> set → Azure Service Bus with the
/// managed identity (<c>ServiceBus:ConnectionString</c>: the local emulator), else the embedded bus (durable, in the
/// embedded database; section <c>EmbeddedBus</c>);
/// <c>ServiceBus:CustomEndpointAddress</c> (optional) sends the connection to a private endpoint's or custom DNS address
/// while tokens stay for the namespace. <c>Notifications:Smtp:Host</c> set → SMTP, else the in-memory sink;
/// <c>Notifications:Sms:Endpoint</c> set → the HTTP SMS provider, else the sink. Partner webhooks go over
/// <see cref="Webhooks.WebhookConnections"/> (to loopback in Development only: <see cref="WebhookTargetOptions"/>).
/// </summary>
internal static class MessagingAdapters
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var fullyQualifiedNamespace = configuration["ServiceBus:FullyQualifiedNamespace"];
        var connectionString = configuration["ServiceBus:ConnectionString"];
        var clientOptions = ServiceBusClientSettings.Options(configuration);
        if (!string.IsNullOrEmpty(fullyQualifiedNamespace) || !string.IsNullOrEmpty(connectionString))
        {
            // A connection string is for the local emulator only; Azure uses the identity.
            services.AddSingleton(sp => string.IsNullOrEmpty(fullyQualifiedNamespace)
                ? new ServiceBusClient(connectionString, clientOptions)
                : new ServiceBusClient(fullyQualifiedNamespace, sp.GetRequiredService<TokenCredential>(), clientOptions));
            services.AddSingleton<IMessageBus, ServiceBusMessageBus>();
            services.AddSingleton<IDeadLetterQueue, ServiceBusDeadLetterQueue>();
        }
        else
        {
            DependencyInjection.AddEmbeddedDatabase(services, configuration);
            services.AddOptions<EmbeddedBusOptions>().Bind(configuration.GetSection("EmbeddedBus"));
            services.AddSingleton<EmbeddedMessageBus>();
            services.AddSingleton<IMessageBus>(sp => sp.GetRequiredService<EmbeddedMessageBus>());
            services.AddSingleton<IDeadLetterQueue>(sp => sp.GetRequiredService<EmbeddedMessageBus>());
        }

        services.AddHttpClient<Webhooks.HttpWebhookClient>(http => http.Timeout = Webhooks.HttpWebhookClient.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => Webhooks.WebhookConnections.Handler(sp.GetRequiredService<IOptions<WebhookTargetOptions>>().Value.LoopbackAllowed));
        services.AddSingleton<Application.Partners.IWebhookClient>(sp => sp.GetRequiredService<Webhooks.HttpWebhookClient>());
        services.AddSingleton<InMemoryNotificationSink>();
        services.AddSingleton<Application.Privacy.IErasureParticipant>(sp => sp.GetRequiredService<InMemoryNotificationSink>());
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Notifications:Smtp"));
        if (!string.IsNullOrEmpty(configuration["Notifications:Smtp:Host"]))
        {
            services.AddSingleton<INotificationSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton(sp => sp.GetRequiredService<InMemoryNotificationSink>().For(NotificationChannel.Email));
        }

        services.AddOptions<SmsOptions>().Bind(configuration.GetSection("Notifications:Sms"));
        if (!string.IsNullOrEmpty(configuration["Notifications:Sms:Endpoint"]))
        {
            services.AddHttpClient<HttpSmsSender>(http => http.Timeout = TimeSpan.FromSeconds(10));
            services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<HttpSmsSender>());
        }
        else
        {
            services.AddSingleton(sp => sp.GetRequiredService<InMemoryNotificationSink>().For(NotificationChannel.Sms));
        }
    }
}
