using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Domain.Tests.Practitioners;

public sealed class PractitionerProfileTests
{
    [Fact]
    public void KeepsTrimmedFieldsAndTheZonesIdGivenAValidProfile()
    {
        var result = PractitionerProfile.Create(" Dr Anne Roux ", "Médecine générale", "Lyon ", " Europe/Paris");

        Assert.True(result.IsSuccess);
        Assert.Equal(new PractitionerProfile("Dr Anne Roux", "Médecine générale", "Lyon", "Europe/Paris"), result.Value);
        Assert.Equal("Europe/Paris", result.Value.Zone.Id);
    }

    [Fact]
    public void NamesEveryMissingFieldGivenAnEmptyProfile()
    {
        var result = PractitionerProfile.Create(null, "", " ", null);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            [
                new DomainError("required", "displayName is required.", "displayName"),
                new DomainError("required", "specialty is required.", "specialty"),
                new DomainError("required", "city is required.", "city"),
                new DomainError("required", "timeZone is required.", "timeZone"),
            ],
            result.Errors);
    }

    [Fact]
    public void AcceptsEachFieldAtItsMaximumLengthAndRefusesOneCharacterMore()
    {
        var longest = PractitionerProfile.Create(new string('n', 120), new string('s', 80), new string('c', 80), "Europe/Paris");
        var longer = PractitionerProfile.Create(new string('n', 121), new string('s', 81), new string('c', 81), "Europe/Paris");

        Assert.True(longest.IsSuccess);
        Assert.Equal(["displayName", "specialty", "city"], longer.Errors.Select(e => e.Field));
        Assert.All(longer.Errors, e => Assert.Equal("too-long", e.Code));
    }

    [Fact]
    public void RefusesTheProfileGivenAnUnknownTimeZone()
    {
        var result = PractitionerProfile.Create("Dr Anne Roux", "Cardiologie", "Lyon", "Lyon/France");

        Assert.Equal([("unknown-time-zone", "timeZone")], result.Errors.Select(e => (e.Code, e.Field)));
    }
}
