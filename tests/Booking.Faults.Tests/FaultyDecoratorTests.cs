using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Storage;
using Booking.Infrastructure;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Booking.Faults.Tests;

public sealed class FaultyDecoratorTests
{
    private static readonly DocumentKey Key = new("p", "note-1");

    private static FaultInjector Always(string kind) =>
        new(Options.Create(new FaultOptions { Rate = 1.0, Kinds = kind, TimeoutMilliseconds = 1 }));

    [Fact]
    public async Task AStoreWriteThatCrashesAfterwardsIsStoredAlthoughTheCallerSawAFailure()
    {
        var inner = new EmbeddedDocumentStore<Note>(new EmbeddedDatabase(Options.Create(new EmbeddedStorageOptions())), TimeProvider.System);
        var store = new FaultyDocumentStore<Note>(inner, Always("CrashAfter"));

        await Assert.ThrowsAsync<InjectedCrashException>(() => store.TryCreateAsync(Key, new Note("kept"), null, default));

        Assert.Equal("kept", (await inner.ReadAsync(Key, default))!.Value.Text);
    }

    [Fact]
    public async Task AStoreWriteThatFailsTransientlyIsNotStored()
    {
        var inner = new EmbeddedDocumentStore<Note>(new EmbeddedDatabase(Options.Create(new EmbeddedStorageOptions())), TimeProvider.System);
        var store = new FaultyDocumentStore<Note>(inner, Always("Transient"));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.UpsertAsync(Key, new Note("lost"), null, default));

        Assert.Null(await inner.ReadAsync(Key, default));
    }

    [Fact]
    public async Task ANotificationThatCrashesAfterSendingWasDeliveredAndTheSenderKeepsItsChannelAndDeduplication()
    {
        var sink = new InMemoryNotificationSink(TimeProvider.System);
        var sender = new FaultyNotificationSender(sink.For(NotificationChannel.Sms), Always("CrashAfter"));

        await Assert.ThrowsAsync<InjectedCrashException>(() =>
            sender.SendAsync(new OutgoingNotification(NotificationChannel.Sms, "confirmation", "+33612345678", "", "b", "A1", "e1:Sms"), default));

        Assert.Single(sink.Sent);
        Assert.Equal(NotificationChannel.Sms, sender.Channel);
        Assert.True(sender.DeduplicatesByDeliveryId);
    }

    [Fact]
    public void NothingIsWrappedUnlessARateIsConfigured()
    {
        using var plain = Provider(new Dictionary<string, string?>());
        using var faulty = Provider(new Dictionary<string, string?> { ["Faults:Rate"] = "0.2", ["Faults:Seed"] = "3" });

        Assert.IsType<EmbeddedDocumentStore<Note>>(plain.GetRequiredService<IDocumentStore<Note>>());
        Assert.IsType<EmbeddedMessageBus>(plain.GetRequiredService<IMessageBus>());
        Assert.Null(plain.GetService<FaultInjector>());
        Assert.IsAssignableFrom<FaultyDocumentStore<Note>>(faulty.GetRequiredService<IDocumentStore<Note>>());
        Assert.IsType<FaultyMessageBus>(faulty.GetRequiredService<IMessageBus>());
        Assert.All(faulty.GetServices<INotificationSender>(), s => Assert.IsType<FaultyNotificationSender>(s));
        Assert.Equal(2, faulty.GetServices<INotificationSender>().Select(s => s.Channel).Distinct().Count());
    }

    [Fact]
    public void TheInfrastructureAloneIgnoresAConfiguredRate()
    {
        using var product = Provider(new Dictionary<string, string?> { ["Faults:Rate"] = "1" }, withFaultInjection: false);

        Assert.IsType<EmbeddedDocumentStore<Note>>(product.GetRequiredService<IDocumentStore<Note>>());
        Assert.IsType<EmbeddedMessageBus>(product.GetRequiredService<IMessageBus>());
        Assert.All(product.GetServices<INotificationSender>(), s => Assert.IsNotType<FaultyNotificationSender>(s));
    }

    [Fact]
    public void OnlyTheListedTargetsAreWrapped()
    {
        using var services = Provider(new Dictionary<string, string?> { ["Faults:Rate"] = "0.2", ["Faults:Targets"] = "Bus" });

        Assert.IsType<EmbeddedDocumentStore<Note>>(services.GetRequiredService<IDocumentStore<Note>>());
        Assert.IsType<FaultyMessageBus>(services.GetRequiredService<IMessageBus>());
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings, bool withFaultInjection = true)
    {
        settings["Auth:SigningKey"] = Convert.ToBase64String(new byte[32]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddInfrastructure(configuration, "Development");
        if (withFaultInjection)
        {
            services.AddFaultInjection(configuration);
        }

        return services.BuildServiceProvider();
    }
}
