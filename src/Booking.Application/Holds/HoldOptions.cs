namespace Booking.Application.Holds;

/// <summary>Settings <c>Holds:*</c>: how long a patient's hold keeps a slot, and how many a patient may have at once.</summary>
public sealed class HoldOptions
{
    public int Minutes { get; set; } = 5;

    public int MaxActivePerPatient { get; set; } = 2;
}
