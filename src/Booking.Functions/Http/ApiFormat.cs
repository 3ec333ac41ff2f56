using NodaTime;
using NodaTime.Text;

namespace Booking.Functions.Http;

/// <summary>How the API writes times: ISO 8601 with the practitioner's offset, dates as YYYY-MM-DD.</summary>
public static class ApiFormat
{
    private const int TimeLength = 25; // 2026-12-01T09:30:00+01:00

    private static readonly OffsetDateTimePattern TimePattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    /// <summary>
    /// <see cref="TimePattern"/>'s text, written digit by digit: a week's listing writes ~300 of them, and the
    /// pattern engine was a large share of its CPU. Years outside 0–9999 go through the pattern.
    /// </summary>
    public static string Time(OffsetDateTime value) =>
        value.Year is < 0 or > 9999 ? TimePattern.Format(value) : string.Create(TimeLength, value, static (text, v) =>
        {
            Digits(text[..4], v.Year);
            text[4] = '-';
            Digits(text.Slice(5, 2), v.Month);
            text[7] = '-';
            Digits(text.Slice(8, 2), v.Day);
            text[10] = 'T';
            Digits(text.Slice(11, 2), v.Hour);
            text[13] = ':';
            Digits(text.Slice(14, 2), v.Minute);
            text[16] = ':';
            Digits(text.Slice(17, 2), v.Second);
            var offset = v.Offset.Seconds;
            text[19] = offset < 0 ? '-' : '+';
            offset = Math.Abs(offset);
            Digits(text.Slice(20, 2), offset / 3600);
            text[22] = ':';
            Digits(text.Slice(23, 2), offset / 60 % 60);
        });

    public static string Date(LocalDate value) => LocalDatePattern.Iso.Format(value);

    /// <summary>A personal field as the API names it (camelCase: <c>firstName</c>, <c>reason</c>).</summary>
    public static string FieldName(Booking.Domain.Patients.PersonalField field)
    {
        var name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
