using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Partners;

/// <summary>The distinct appointments a partner read in the last hour (a sliding window), kept beside the partner.</summary>
public sealed record PartnerReadWindow(IReadOnlyList<PartnerReadWindow.Read> Reads)
{
    public static readonly Duration Length = Duration.FromHours(1);

    public static DocumentKey Key(string partnerId) => new("partner:" + partnerId, "reads-window");

    public PartnerReadWindow With(string appointmentId, Instant now)
    {
        var recent = Reads.Where(r => r.At > now - Length && r.AppointmentId != appointmentId).ToList();
        recent.Add(new Read(appointmentId, now));
        return new PartnerReadWindow(recent);
    }

    public sealed record Read(string AppointmentId, Instant At);
}
