namespace Booking.Infrastructure.KeyVault;

/// <summary>Where the KEK and the blind-index key live in Azure Key Vault (as secrets holding 32 random bytes in base64).</summary>
public sealed class KeyVaultOptions
{
    public Uri? VaultUri { get; set; }

    public string KekSecretName { get; set; } = "booking-kek";

    public string BlindIndexSecretName { get; set; } = "booking-blind-index-key";

    /// <summary>How often enabled KEK versions are re-listed, so a rotation is picked up without a restart.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
