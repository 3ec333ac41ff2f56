using Booking.Domain.Partners;

namespace Booking.Domain.Tests.Partners;

public sealed class PartnerTests
{
    private static readonly Partner Active = new("partner-1", "Agenda Pro", ["practitioner-1", "practitioner-2"], [], "bk1.v1.secret", Suspended: false);

    [Fact]
    public void MayBookOnlyForItsOwnPractitioners()
    {
        Assert.True(Active.MayBookFor("practitioner-2"));
        Assert.False(Active.MayBookFor("practitioner-3"));
    }

    [Fact]
    public void IsSuspendedUntilResumedGivenAnOperatorSuspendsIt()
    {
        var suspended = Active.Suspend();

        Assert.True(suspended.Suspended);
        Assert.False(suspended.Resume().Suspended);
        Assert.True(suspended.Suspend().Suspended);
    }
}
