namespace Booking.Application.Partners;

/// <summary>
/// Where partner webhooks may go beyond public addresses. Not a setting: the infrastructure sets it from the
/// environment, so that only Development (the local host and its tests' loopback receivers) sends to loopback.
/// </summary>
public sealed class WebhookTargetOptions
{
    /// <summary>Whether a webhook may go to loopback (127.0.0.0/8, ::1, localhost), over http too. Development only.</summary>
    public bool LoopbackAllowed { get; set; }
}
