namespace Booking.Infrastructure.KeyVault;

/// <summary>Where the KEKs and the blind-index key live in Azure Key Vault (as secrets holding 32 random bytes in base64).</summary>
public sealed class KeyVaultOptions
{
    public Uri? VaultUri { get; set; }

    /// <summary>One secret per KEK epoch, named this prefix and the epoch: <c>booking-kek-2026-12</c>.</summary>
    public string KekSecretNamePrefix { get; set; } = "booking-kek-";

    public string BlindIndexSecretName { get; set; } = "booking-blind-index-key";

    /// <summary>How often the KEK secrets are re-listed, so an epoch another instance created is picked up without a restart.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
