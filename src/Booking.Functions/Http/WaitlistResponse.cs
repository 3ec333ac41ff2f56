using Booking.Application.Waitlist;

namespace Booking.Functions.Http;

/// <summary>A waitlist entry as its patient sees it: <see cref="Offer"/> while a slot is held for them, no personal data.</summary>
public sealed record WaitlistResponse(
    string WaitlistId, string PractitionerId, string VisitTypeId, string Before, string Status, string CreatedAt,
    WaitlistResponse.OfferResponse? Offer, string? AppointmentId)
{
    public static WaitlistResponse Of(WaitlistReceipt r) => new(
        r.WaitlistId, r.PractitionerId, r.VisitTypeId, ApiFormat.Date(r.Before), r.Status.ToString().ToLowerInvariant(), r.CreatedAt.ToString(),
        r.OfferStart is { } start ? new OfferResponse(ApiFormat.Time(start), ApiFormat.Time(r.OfferEnd!.Value), r.OfferExpiresAt!.Value.ToString()) : null,
        r.AppointmentId);

    public sealed record OfferResponse(string Start, string End, string ExpiresAt);
}

/// <summary>What an offer link shows.</summary>
public sealed record OfferResponse(
    string WaitlistId, string Status, string Start, string End, string PractitionerName, string ExpiresAt, string? AppointmentId)
{
    public static OfferResponse Of(OfferView v) =>
        new(v.WaitlistId, v.Status, ApiFormat.Time(v.Start), ApiFormat.Time(v.End), v.PractitionerName, v.ExpiresAt.ToString(), v.AppointmentId);
}
