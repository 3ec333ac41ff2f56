namespace Booking.Infrastructure.Sms;

/// <summary>The SMS provider's HTTP endpoint (<c>Notifications:Sms</c>). Unset <see cref="Endpoint"/> → the local in-memory sink.</summary>
public sealed class SmsOptions
{
    public Uri? Endpoint { get; set; }

    /// <summary>The header carrying the provider credential, e.g. <c>Authorization</c>.</summary>
    public string AuthHeaderName { get; set; } = "Authorization";

    /// <summary>Its value (from Key Vault references in Azure, never a literal in settings files).</summary>
    public string? AuthHeaderValue { get; set; }

    public string Sender { get; set; } = "Booking";
}
