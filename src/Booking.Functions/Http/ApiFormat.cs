using NodaTime;
using NodaTime.Text;

namespace Booking.Functions.Http;

/// <summary>How the API writes times: ISO 8601 with the practitioner's offset, dates as YYYY-MM-DD.</summary>
public static class ApiFormat
{
    private static readonly OffsetDateTimePattern InstantPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public static string Time(OffsetDateTime value) => InstantPattern.Format(value);

    public static string Date(LocalDate value) => LocalDatePattern.Iso.Format(value);

    /// <summary>A personal field as the API names it (camelCase: <c>firstName</c>, <c>reason</c>).</summary>
    public static string FieldName(Booking.Domain.Patients.PersonalField field)
    {
        var name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
