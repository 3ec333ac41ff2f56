using Booking.Domain.Common;
using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Domain.Tests.Patients;

public sealed class PatientDetailsTests
{
    private static readonly LocalDate Today = new(2026, 3, 1);

    [Fact]
    public void KeepsTrimmedFieldsGivenValidDetails()
    {
        var result = Create(firstName: "  Jeanne ", lastName: "Martin", email: " jeanne.martin@example.org ", birthDate: "1980-02-29");

        Assert.True(result.IsSuccess);
        Assert.Equal(new PatientDetails("Jeanne", "Martin", "jeanne.martin@example.org", "+33612345678", new LocalDate(1980, 2, 29)), result.Value);
    }

    [Theory]
    [InlineData("0612345678", "+33612345678")]
    [InlineData("06 12 34 56 78", "+33612345678")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("+1 650-253-0000", "+16502530000")]
    public void StoresThePhoneInE164GivenAValidNumber(string phone, string e164)
    {
        var result = Create(phone: phone);

        Assert.True(result.IsSuccess);
        Assert.Equal(e164, result.Value.Phone);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("abc")]
    [InlineData("+33 1")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("+33 6 12 34 56 78 90 12 34 56 78 90 12 34 56 78")]
    public void RejectsThePhoneGivenNotAValidNumber(string? phone)
    {
        AssertRejected(Create(phone: phone), "patient.phone");
    }

    [Theory]
    [InlineData("a@b")]
    [InlineData("no-at")]
    [InlineData("x y@example.org")]
    [InlineData("\"x y\"@example.org")]
    [InlineData("Jeanne <jeanne@example.org>")]
    [InlineData("jeanne@")]
    [InlineData("")]
    [InlineData(null)]
    public void RejectsTheEmailGivenNotAnAddress(string? email)
    {
        AssertRejected(Create(email: email), "patient.email");
    }

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("1980-02-30")]
    [InlineData("1980-2-3")]
    [InlineData("03/02/1980")]
    [InlineData("1880-01-01")]
    [InlineData("01980-01-01")]
    [InlineData("+1980-01-01")]
    [InlineData(null)]
    public void RejectsTheBirthDateGivenFutureMalformedOrImplausible(string? birthDate)
    {
        AssertRejected(Create(birthDate: birthDate), "patient.birthDate");
    }

    [Fact]
    public void AcceptsTheBirthDateGivenABabyBornToday()
    {
        Assert.True(Create(birthDate: "2026-03-01").IsSuccess);
    }

    [Fact]
    public void RejectsTheNamesGivenMoreThan100Characters()
    {
        var result = Create(firstName: new string('a', 101), lastName: new string('b', 101));

        Assert.False(result.IsSuccess);
        Assert.Equal(["patient.firstName", "patient.lastName"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AcceptsTheNameGivenExactly100Characters()
    {
        Assert.True(Create(firstName: new string('a', 100)).IsSuccess);
    }

    [Fact]
    public void NamesTheFieldsWithThePrefixGivenAnotherPrefix()
    {
        var result = PatientDetails.Create("Jeanne", "Martin", "jeanne@example.org", "123", "1980-01-01", Today, "booking.patient");

        AssertRejected(result, "booking.patient.phone");
    }

    [Fact]
    public void AcceptsAnEmailOfTheMaximumLengthAndRejectsALongerOne()
    {
        var domain = "@example.org";
        var longest = new string('a', PatientDetails.MaxEmailLength - domain.Length) + domain;

        Assert.True(Create(email: longest).IsSuccess);
        AssertRejected(Create(email: "a" + longest), "patient.email");
    }

    [Fact]
    public void AcceptsAPhoneWrittenWithSpacesUpToTheMaximumLength()
    {
        var spaced = "+33 6 12 34 56 78".PadRight(PatientDetails.MaxPhoneLength);

        Assert.Equal("+33612345678", Create(phone: spaced).Value?.Phone);
        AssertRejected(Create(phone: spaced + " "), "patient.phone");
    }

    [Theory]
    [InlineData("1896-03-01", true)]
    [InlineData("1896-02-29", false)]
    public void AcceptsBirthDatesBackToExactly130YearsAgo(string birthDate, bool accepted)
    {
        Assert.Equal(accepted, Create(birthDate: birthDate).IsSuccess);
    }

    [Fact]
    public void ListsEveryInvalidFieldInTheOrderOfTheForm()
    {
        var result = PatientDetails.Create(null, " ", "x", "1", "soon", Today);

        Assert.Equal(
            [("required", "patient.firstName"), ("required", "patient.lastName"), ("invalid-email", "patient.email"), ("invalid-phone", "patient.phone"), ("invalid-date", "patient.birthDate")],
            result.Errors.Select(e => (e.Code, e.Field)));
    }

    private static Result<PatientDetails> Create(
        string? firstName = "Jeanne", string? lastName = "Martin", string? email = "jeanne@example.org",
        string? phone = "0612345678", string? birthDate = "1980-01-01") =>
        PatientDetails.Create(firstName, lastName, email, phone, birthDate, Today);

    private static void AssertRejected(Result<PatientDetails> result, string field)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal([field], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void TellsThePatientHowToWriteEachRejectedField()
    {
        var missing = PatientDetails.Create("Jeanne", "Martin", " ", null, "1980-01-01", Today);
        var malformed = PatientDetails.Create("Jeanne", "Martin", "jeanne@", "123", "01/01/1980", Today);
        var future = PatientDetails.Create("Jeanne", "Martin", "jeanne@example.org", "0612345678", "2026-03-02", Today);

        Assert.Equal(
            [("required", "patient.email is required."), ("required", "patient.phone is required.")],
            missing.Errors.Select(e => (e.Code, e.Message)));
        Assert.Equal(
            [
                ("invalid-email", "patient.email must be an email address such as name@example.org."),
                ("invalid-phone", "patient.phone must be a valid phone number, e.g. +33612345678."),
                ("invalid-date", "patient.birthDate must be a date YYYY-MM-DD."),
            ],
            malformed.Errors.Select(e => (e.Code, e.Message)));
        Assert.Equal([("out-of-range", "patient.birthDate must be in the past 130 years.")], future.Errors.Select(e => (e.Code, e.Message)));
    }
}
