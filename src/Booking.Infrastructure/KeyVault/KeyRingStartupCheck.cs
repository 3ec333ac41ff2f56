using Booking.Application.Privacy;
using Microsoft.Extensions.Hosting;

namespace Booking.Infrastructure.KeyVault;

/// <summary>Loads the keys when the host starts, so a missing or unreadable key stops the start, not a patient's request.</summary>
public sealed class KeyRingStartupCheck(IKeyRing keyRing) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await keyRing.NewestAsync(cancellationToken);
        await keyRing.BlindIndexKeyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
