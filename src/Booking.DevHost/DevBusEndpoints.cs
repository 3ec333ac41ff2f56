using Booking.Application.Messaging;
using Booking.Functions.Http;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Notifications;

namespace Booking.DevHost;

/// <summary>Development-only views of the embedded bus and of the notifications the in-memory sink "sent".</summary>
public static class DevBusEndpoints
{
    public sealed record SendRequest(string? Body, Dictionary<string, string>? ApplicationProperties, string? MessageId);

    public static void MapDevBusEndpoints(this WebApplication app)
    {
        app.MapGet("/dev/notifications", (InMemoryNotificationSink sink) => Results.Json(sink.Sent, Application.Common.JsonDefaults.Options));

        app.MapPost("/dev/bus/{entity}", async (string entity, HttpContext context, IServiceProvider services) =>
        {
            var bus = services.GetService<EmbeddedMessageBus>();
            if (bus is null)
            {
                return Results.Problem(statusCode: 409, title: "Conflict", detail: "Service Bus is configured: there is no embedded bus.", type: Problems.TypeBase + "no-embedded-bus");
            }

            var request = await HttpPipeline.ReadBodyAsync<SendRequest>(context.Request);
            if (!request.Succeeded || request.Value.Body is null)
            {
                return Results.Problem(statusCode: 400, title: "Invalid request", detail: "Send { body, applicationProperties }.", type: Problems.TypeBase + "validation");
            }

            var message = new BusMessage(request.Value.MessageId ?? Guid.NewGuid().ToString("N"), request.Value.Body, request.Value.ApplicationProperties ?? []);
            await bus.SendAsync(entity, message, context.RequestAborted);
            return Results.Accepted();
        });

        app.MapGet("/dev/bus/{entity}", (string entity, IServiceProvider services) =>
            services.GetService<EmbeddedMessageBus>() is { } bus ? Results.Json(bus.SentTo(entity), Application.Common.JsonDefaults.Options) : Results.NotFound());

        app.MapGet("/dev/bus/{entity}/deadletter", (string entity, IServiceProvider services) =>
            services.GetService<EmbeddedMessageBus>() is { } bus ? Results.Json(bus.DeadLettered(entity), Application.Common.JsonDefaults.Options) : Results.NotFound());
    }
}
