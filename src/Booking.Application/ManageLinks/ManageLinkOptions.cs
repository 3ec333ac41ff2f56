namespace Booking.Application.ManageLinks;

public sealed class ManageLinkOptions
{
    /// <summary>How long after the appointment's end a manage link still works (setting <c>ManageLinks:ValidHoursAfterEnd</c>).</summary>
    public int ValidHoursAfterEnd { get; set; }
}
