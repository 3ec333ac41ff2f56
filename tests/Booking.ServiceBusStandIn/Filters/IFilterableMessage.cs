namespace Booking.ServiceBusStandIn.Filters;

/// <summary>What a filter can read from a message.</summary>
public interface IFilterableMessage
{
    bool TryGetApplicationProperty(string name, out object? value);

    object? GetSystemProperty(string name);
}
