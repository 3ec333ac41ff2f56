using Booking.Application.Notifications;
using Booking.Infrastructure.Notifications;

namespace Booking.Infrastructure.Tests.Notifications;

public sealed class InMemoryNotificationSinkTests
{
    [Fact]
    public async Task DeliversARepeatedDeliveryIdOnceAndForgetsTheOldestOnceItRemembersTheMost()
    {
        var sink = new InMemoryNotificationSink(TimeProvider.System);
        var email = sink.For(NotificationChannel.Email);
        Task Send(string deliveryId) =>
            email.SendAsync(new OutgoingNotification(NotificationChannel.Email, "confirmation", "a@example.org", "s", "b", "appt", deliveryId), default);

        await Send("first:email");
        await Send("first:email");
        for (var i = 0; i < InMemoryNotificationSink.RememberedDeliveryIds; i++)
        {
            await Send($"other-{i}:email");
        }

        await Send("first:email");

        Assert.Equal(1, sink.RepeatsIgnored); // the immediate repeat; the one after the others was delivered again
        Assert.Equal("first:email", sink.Sent[^1].DeliveryId);
        Assert.Equal(InMemoryNotificationSink.Capacity, sink.Sent.Count);
    }
}
