namespace Booking.Application.Partners;

public sealed class PartnerOptions
{
    /// <summary>More distinct appointments than this read in a sliding hour suspends the partner at once.</summary>
    public int BulkReadAlarmThreshold { get; set; } = 200;

    /// <summary>Calls a partner may make per clock minute; past it, 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 60;
}
