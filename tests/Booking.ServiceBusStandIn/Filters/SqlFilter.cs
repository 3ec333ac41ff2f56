namespace Booking.ServiceBusStandIn.Filters;

/// <summary>
/// The subset of Service Bus's SQL filter grammar the stand-in evaluates: <c>EXISTS(p)</c>, <c>p IN ('a', 'b')</c>,
/// <c>p NOT IN (…)</c>, <c>p IS [NOT] NULL</c>, comparisons (<c>= &lt;&gt; != &lt; &lt;= &gt; &gt;=</c>) between
/// properties and string or number literals, <c>AND</c>, <c>OR</c>, <c>NOT</c>, parentheses, <c>TRUE</c>/<c>FALSE</c>
/// and <c>1=1</c>. Properties are application properties (<c>user.</c> prefix optional) or a few system ones
/// (<c>sys.MessageId</c>, <c>sys.CorrelationId</c>, <c>sys.Label</c>, <c>sys.To</c>, <c>sys.ContentType</c>).
/// A comparison with a missing property is unknown, and unknown does not match (SQL's three-valued logic).
/// </summary>
public sealed class SqlFilter
{
    private readonly Func<IFilterableMessage, bool?> predicate;

    private SqlFilter(string expression, Func<IFilterableMessage, bool?> predicate)
    {
        Expression = expression;
        this.predicate = predicate;
    }

    public string Expression { get; }

    public static SqlFilter Parse(string expression)
    {
        var parser = new SqlFilterParser(SqlTokenizer.Tokenize(expression));
        return new SqlFilter(expression, parser.ParseWhole());
    }

    public bool Matches(IFilterableMessage message) => predicate(message) == true;

    public override string ToString() => Expression;
}
