namespace Booking.Application.Waitlist;

/// <summary>Settings <c>Waitlist:*</c>.</summary>
public sealed class WaitlistOptions
{
    /// <summary>How long a freed slot is held for the waitlisted patient it is offered to.</summary>
    public int OfferMinutes { get; set; } = 15;

    /// <summary>How many waiting (or offered) entries a patient may have at once.</summary>
    public int MaxActivePerPatient { get; set; } = 5;

    /// <summary>How far ahead <c>before</c> may be, in days from today (the schedule horizon's maximum).</summary>
    public int MaxDaysAhead { get; set; } = 366;

    /// <summary>Where a patient takes or declines an offer; <c>{token}</c> is replaced by the offer's signed token.</summary>
    public string OfferLinkTemplate { get; set; } = "https://booking.example/offers/{token}";
}
