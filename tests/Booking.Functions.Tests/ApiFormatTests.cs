using Booking.Functions.Http;
using NodaTime;
using NodaTime.Text;

namespace Booking.Functions.Tests;

public sealed class ApiFormatTests
{
    private static readonly OffsetDateTimePattern Reference =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    [Fact]
    public void WritesEveryTimeAsTheIsoPatternWouldInEveryZone()
    {
        var random = new Random(20261128);
        var instants = new List<Instant>
        {
            Instant.FromUtc(2026, 3, 29, 1, 0), Instant.FromUtc(2026, 10, 25, 0, 59, 59), Instant.FromUtc(1900, 1, 1, 0, 0),
            Instant.FromUtc(1, 1, 2, 0, 0), Instant.FromUtc(9999, 12, 30, 23, 59, 59), Instant.FromUtc(1970, 1, 1, 0, 0),
        };
        for (var i = 0; i < 40; i++)
        {
            instants.Add(Instant.FromUnixTimeSeconds(random.NextInt64(-5_000_000_000, 5_000_000_000)));
        }

        foreach (var zone in DateTimeZoneProviders.Tzdb.Ids.Select(id => DateTimeZoneProviders.Tzdb[id]))
        {
            foreach (var instant in instants)
            {
                var value = instant.InZone(zone).ToOffsetDateTime();
                Assert.Equal(Reference.Format(value), ApiFormat.Time(value));
            }
        }
    }

    [Theory]
    [InlineData(2026, 12, 1, 9, 30, 3600, "2026-12-01T09:30:00+01:00")]
    [InlineData(2026, 7, 4, 23, 45, -14400, "2026-07-04T23:45:00-04:00")]
    [InlineData(2026, 1, 1, 0, 0, 0, "2026-01-01T00:00:00+00:00")]
    [InlineData(2026, 1, 1, 0, 0, 20700, "2026-01-01T00:00:00+05:45")]
    public void WritesTheOffsetWithItsSignHoursAndMinutes(int year, int month, int day, int hour, int minute, int offsetSeconds, string expected) =>
        Assert.Equal(expected, ApiFormat.Time(new LocalDateTime(year, month, day, hour, minute).WithOffset(Offset.FromSeconds(offsetSeconds))));

    [Fact]
    public void LeavesYearsOutsideFourDigitsToThePattern()
    {
        var value = new LocalDateTime(-5, 3, 1, 10, 0).WithOffset(Offset.Zero);

        Assert.Equal(Reference.Format(value), ApiFormat.Time(value));
    }
}
