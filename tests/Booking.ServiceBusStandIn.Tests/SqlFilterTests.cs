using Booking.ServiceBusStandIn.Filters;

namespace Booking.ServiceBusStandIn.Tests;

public sealed class SqlFilterTests
{
    [Theory]
    [InlineData("EXISTS(partnerId)", true)]
    [InlineData("EXISTS(other)", false)]
    [InlineData("NOT EXISTS(other)", true)]
    [InlineData("partnerId IN ('a', 'b')", true)]
    [InlineData("partnerId IN ('b', 'c')", false)]
    [InlineData("partnerId NOT IN ('b', 'c')", true)]
    [InlineData("partnerId = 'a' AND attempt > 2", true)]
    [InlineData("partnerId = 'b' OR attempt >= 3", true)]
    [InlineData("attempt <> 3", false)]
    [InlineData("missing = 'x'", false)]
    [InlineData("NOT (missing = 'x')", false)]
    [InlineData("missing IS NULL", true)]
    [InlineData("user.partnerId = 'a'", true)]
    [InlineData("sys.Label = 'AppointmentBooked'", true)]
    [InlineData("1=1", true)]
    [InlineData("TRUE", true)]
    [InlineData("name = 'o''brien'", true)]
    public void FilterMatchesAsServiceBusEvaluatesIt(string expression, bool matches)
    {
        var message = new FakeMessage(
            new Dictionary<string, object?> { ["partnerId"] = "a", ["attempt"] = 3, ["name"] = "o'brien" },
            new Dictionary<string, object?> { ["LABEL"] = "AppointmentBooked" });

        Assert.Equal(matches, SqlFilter.Parse(expression).Matches(message));
    }

    [Theory]
    [InlineData("partnerId IN ('a'")]
    [InlineData("EXISTS partnerId")]
    [InlineData("partnerId ~ 'a'")]
    public void MalformedFilterIsRefusedWhenParsed(string expression) =>
        Assert.Throws<FormatException>(() => SqlFilter.Parse(expression));

    private sealed class FakeMessage(Dictionary<string, object?> properties, Dictionary<string, object?> system) : IFilterableMessage
    {
        public bool TryGetApplicationProperty(string name, out object? value) => properties.TryGetValue(name, out value);

        public object? GetSystemProperty(string name) => system.GetValueOrDefault(name.ToUpperInvariant());
    }
}
