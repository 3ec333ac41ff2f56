using Booking.Domain.Common;

namespace Booking.Domain.Tests.Common;

public sealed class TextTests
{
    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("tab\tseparated")]
    [InlineData("windows\r\nline")]
    public void KeepsLineBreaksAndTabsGivenFreeText(string reason)
    {
        var errors = new List<DomainError>();

        Assert.Equal(reason, Text.Optional(reason, "reason", 500, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("bell\a")]
    [InlineData("nul\0byte")]
    [InlineData("escape\u001b[31m")]
    public void RejectsOtherControlCharactersGivenFreeText(string reason)
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Optional(reason, "reason", 500, errors));
        Assert.Equal(("invalid-characters", "reason"), errors.Select(e => (e.Code, e.Field)).Single());
    }

    [Fact]
    public void ReportsTooLongAfterTrimmingGivenFreeText()
    {
        var errors = new List<DomainError>();

        Assert.Equal("abc", Text.Optional("  abc  ", "reason", 3, errors));
        Assert.Null(Text.Optional("abcd", "reason", 3, errors));
        Assert.Equal(("too-long", "reason"), errors.Select(e => (e.Code, e.Field)).Single());
    }

    [Fact]
    public void RequiresSomethingOtherThanSpacesGivenARequiredField()
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Required("   ", "name", 10, errors));
        Assert.Equal(("required", "name"), errors.Select(e => (e.Code, e.Field)).Single());
    }

    [Fact]
    public void SaysWhatIsWrongWithTheFieldGivenEachRefusal()
    {
        var errors = new List<DomainError>();

        Text.Required(null, "name", 10, errors);
        Text.Optional("eleven char", "name", 10, errors);
        Text.Optional("bell\a", "name", 10, errors);

        Assert.Equal(
            ["name is required.", "name must be at most 10 characters.", "name must not contain control characters."],
            errors.Select(e => e.Message));
    }
}
