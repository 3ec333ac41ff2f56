using System.Security.Cryptography;
using Booking.Application.Privacy;
using NodaTime;

namespace Booking.Infrastructure.KeyVault;

/// <summary>What keyring.json holds: the KEKs, one per epoch (legacy entries have none), and the blind-index key.</summary>
internal sealed record KeyRingFile(IReadOnlyList<KeyRingFile.Kek> Keks, string BlindIndexKey)
{
    /// <summary>The epoch that entries written before epochs existed count as: older than any real one.</summary>
    public static readonly KekEpoch Oldest = KekEpoch.Containing(Instant.FromUtc(1, 1, 1, 0, 0), 1);

    public static KeyRingFile New(KekEpoch epoch) => new([Kek.New(epoch)], RandomKey());

    /// <summary>The KEK new data keys are wrapped with: the latest epoch's.</summary>
    public Kek Newest() => Keks.OrderBy(k => k.EpochOrOldest()).Last();

    public bool IsValid() =>
        Keks.Count > 0 && Keks.All(k => Convert.FromBase64String(k.Key).Length == 32 && (k.Epoch is null || KekEpoch.TryParse(k.Epoch, out _)))
        && Convert.FromBase64String(BlindIndexKey).Length == 32;

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public sealed record Kek(string Version, string Key, string? Epoch = null, DateTimeOffset? UnusedSince = null)
    {
        public static Kek New(KekEpoch epoch) => new(epoch.Name, RandomKey(), epoch.Name);

        public KekEpoch EpochOrOldest() => KekEpoch.TryParse(Epoch, out var epoch) ? epoch : Oldest;
    }
}
