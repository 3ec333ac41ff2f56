using Booking.Application.Common;
using Booking.Application.Privacy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.KeyVault;

/// <summary>
/// Makes sure the current KEK epoch exists (a first start creates it) and loads the keys when the host starts, so a
/// missing or unreadable key stops the start, not a patient's request.
/// </summary>
public sealed class KeyRingStartupCheck(IKeyRing keyRing, IKekEpochs epochs, IOptions<KekEpochOptions> options, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await epochs.EnsureEpochAsync(KekEpoch.Containing(time.GetCurrentInstant(), options.Value.KekEpochMonths), cancellationToken);
        await keyRing.NewestAsync(cancellationToken);
        await keyRing.BlindIndexKeyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
