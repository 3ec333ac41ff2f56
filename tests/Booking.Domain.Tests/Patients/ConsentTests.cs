using Booking.Domain.Patients;

namespace Booking.Domain.Tests.Patients;

public sealed class ConsentTests
{
    [Fact]
    public void AgreesToNoChannelGivenConsentNone()
    {
        Assert.Equal((false, false), (Consent.None.Email, Consent.None.Sms));
    }
}
