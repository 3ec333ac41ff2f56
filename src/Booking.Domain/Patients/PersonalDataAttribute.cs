using Microsoft.Extensions.Compliance.Classification;

namespace Booking.Domain.Patients;

/// <summary>The project's data classes. Anything classified <see cref="PersonalData"/> is erased from logs by the redactor.</summary>
public static class BookingTaxonomy
{
    public const string Name = "Booking";

    public static DataClassification PersonalData { get; } = new(Name, nameof(PersonalData));
}

/// <summary>Marks a member or log parameter as personal data: never written to a log in clear.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(BookingTaxonomy.PersonalData);
