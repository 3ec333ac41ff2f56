using Booking.ServiceBusStandIn.Security;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace Booking.ServiceBusStandIn.Amqp;

/// <summary>
/// The $cbs node: put-token requests (application properties operation, type, name; the token as an AmqpValue
/// string). Answers status-code 202 when the token is accepted and 401 when it is not, which the SDK turns into
/// UnauthorizedAccessException.
/// </summary>
internal sealed class CbsNode(ServiceBusStandInOptions options, ReplyLinks replies)
{
    private const string SasTokenType = "servicebus.windows.net:sastoken";
    private const string JwtTokenType = "jwt";

    public void OnRequest(ConnectionAuthorization authorization, AmqpMessage request)
    {
        var properties = request.ApplicationProperties.Map;
        var operation = properties.TryGetValue<string>("operation", out var op) ? op : null;
        var type = properties.TryGetValue<string>("type", out var t) ? t : null;
        var audience = properties.TryGetValue<string>("name", out var name) ? name : null;
        var token = request.ValueBody?.Value as string;

        TokenCheck check;
        int status;
        if (operation != "put-token" || audience is null || token is null)
        {
            (check, status) = (TokenCheck.Refused("Expected a put-token request with a name and a token."), 400);
        }
        else
        {
            check = type switch
            {
                SasTokenType => SharedAccessSignature.Check(token, audience, options.SharedAccessKeyName, options.SharedAccessKey, options.TimeProvider.GetUtcNow()),
                JwtTokenType when options.ValidateJwt is { } validate => validate(token, audience),
                JwtTokenType => TokenCheck.Refused("This stand-in accepts no JWT tokens (no validator configured)."),
                _ => TokenCheck.Refused($"Unsupported token type '{type}'."),
            };
            status = check.IsAccepted ? 202 : 401;
            if (check.IsAccepted)
            {
                authorization.Grant(audience, check.ExpiresAt);
            }
        }

        var response = AmqpMessage.Create();
        response.ApplicationProperties.Map[new MapKey("status-code")] = status;
        response.ApplicationProperties.Map[new MapKey("status-description")] = check.Reason;
        replies.Reply(request, response);
    }
}
