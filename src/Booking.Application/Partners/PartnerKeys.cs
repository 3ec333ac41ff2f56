using Booking.Application.Storage;

namespace Booking.Application.Partners;

public static class PartnerKeys
{
    public static DocumentKey Partner(string partnerId) => new("partner:" + partnerId, "partner");
}
