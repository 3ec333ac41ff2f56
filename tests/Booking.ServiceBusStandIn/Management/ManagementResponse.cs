using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Booking.ServiceBusStandIn.Management;

internal sealed record ManagementResponse(int StatusCode, string? ErrorCondition, string Description, AmqpMap? Body)
{
    public static ManagementResponse Ok(AmqpMap body) => new(200, null, "OK", body);

    public static ManagementResponse Error(int statusCode, string? condition, string description) => new(statusCode, condition, description, null);

    public AmqpMessage ToMessage()
    {
        var message = Body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = Body });
        var properties = message.ApplicationProperties.Map;
        properties[new MapKey("statusCode")] = StatusCode;
        properties[new MapKey("statusDescription")] = Description;
        if (ErrorCondition is not null)
        {
            properties[new MapKey("errorCondition")] = new AmqpSymbol(ErrorCondition);
        }

        return message;
    }
}
