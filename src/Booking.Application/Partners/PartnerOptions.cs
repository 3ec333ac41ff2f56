namespace Booking.Application.Partners;

public sealed class PartnerOptions
{
    /// <summary>More distinct appointments than this read in a sliding hour suspends the partner at once.</summary>
    public int BulkReadAlarmThreshold { get; set; } = 200;
}
