namespace Booking.ServiceBusStandIn.Filters;

internal enum SqlTokenKind { Identifier, String, Number, Symbol, End }

internal readonly record struct SqlToken(SqlTokenKind Kind, string Text)
{
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;
}
