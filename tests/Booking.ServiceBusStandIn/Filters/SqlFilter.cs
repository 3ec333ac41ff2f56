using System.Globalization;

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

/// <summary>What a filter can read from a message.</summary>
public interface IFilterableMessage
{
    bool TryGetApplicationProperty(string name, out object? value);

    object? GetSystemProperty(string name);
}

internal enum SqlTokenKind { Identifier, String, Number, Symbol, End }

internal readonly record struct SqlToken(SqlTokenKind Kind, string Text)
{
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;
}

internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string text)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var value = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"Unterminated string in filter: {text}");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        value.Append('\'');
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(text[i++]);
                    }
                }

                tokens.Add(new SqlToken(SqlTokenKind.String, value.ToString()));
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"Unterminated [name] in filter: {text}");
                }

                tokens.Add(new SqlToken(SqlTokenKind.Identifier, text[(i + 1)..end]));
                i = end + 1;
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, text[start..i]));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Identifier, text[start..i]));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                if (two is "<>" or "!=" or "<=" or ">=")
                {
                    tokens.Add(new SqlToken(SqlTokenKind.Symbol, two));
                    i += 2;
                }
                else if (c is '(' or ')' or ',' or '=' or '<' or '>')
                {
                    tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString()));
                    i++;
                }
                else
                {
                    throw new FormatException($"Unexpected '{c}' in filter: {text}");
                }
            }
        }

        tokens.Add(new SqlToken(SqlTokenKind.End, string.Empty));
        return tokens;
    }
}

internal sealed class SqlFilterParser(List<SqlToken> tokens)
{
    private int position;

    private SqlToken Current => tokens[position];

    public Func<IFilterableMessage, bool?> ParseWhole()
    {
        var expression = ParseOr();
        if (Current.Kind != SqlTokenKind.End)
        {
            throw new FormatException($"Unexpected '{Current.Text}' in filter.");
        }

        return expression;
    }

    private Func<IFilterableMessage, bool?> ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("OR"))
        {
            position++;
            var l = left;
            var right = ParseAnd();
            left = message => (l(message), right(message)) switch
            {
                (true, _) or (_, true) => true,
                (false, false) => false,
                _ => null,
            };
        }

        return left;
    }

    private Func<IFilterableMessage, bool?> ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsKeyword("AND"))
        {
            position++;
            var l = left;
            var right = ParseNot();
            left = message => (l(message), right(message)) switch
            {
                (false, _) or (_, false) => false,
                (true, true) => true,
                _ => null,
            };
        }

        return left;
    }

    private Func<IFilterableMessage, bool?> ParseNot()
    {
        if (Current.IsKeyword("NOT"))
        {
            position++;
            var inner = ParseNot();
            return message => !inner(message);
        }

        return ParsePrimary();
    }

    private Func<IFilterableMessage, bool?> ParsePrimary()
    {
        if (Current.IsSymbol("("))
        {
            position++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        if (Current.IsKeyword("TRUE"))
        {
            position++;
            return _ => true;
        }

        if (Current.IsKeyword("FALSE"))
        {
            position++;
            return _ => false;
        }

        if (Current.IsKeyword("EXISTS"))
        {
            position++;
            Expect("(");
            var name = ExpectIdentifier();
            Expect(")");
            return message => PropertyValue(message, name, out _);
        }

        var left = ParseOperand();
        if (Current.IsKeyword("IS"))
        {
            position++;
            var negated = TryKeyword("NOT");
            if (!TryKeyword("NULL"))
            {
                throw new FormatException("Expected NULL after IS.");
            }

            return message => (left(message) is null) != negated;
        }

        var notIn = TryKeyword("NOT");
        if (TryKeyword("IN"))
        {
            Expect("(");
            var values = new List<object>();
            do
            {
                values.Add(ParseLiteral());
            }
            while (TrySymbol(","));
            Expect(")");
            return message =>
            {
                var value = left(message);
                if (value is null)
                {
                    return null;
                }

                var found = values.Any(candidate => Compare(value, candidate) == 0);
                return found != notIn;
            };
        }

        if (notIn)
        {
            throw new FormatException("Expected IN after NOT.");
        }

        var comparison = Current.Kind == SqlTokenKind.Symbol ? Current.Text : throw new FormatException($"Expected a comparison, got '{Current.Text}'.");
        position++;
        var right = ParseOperand();
        return message =>
        {
            var (a, b) = (left(message), right(message));
            if (a is null || b is null || Compare(a, b) is not { } order)
            {
                return null;
            }

            return comparison switch
            {
                "=" => order == 0,
                "<>" or "!=" => order != 0,
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                ">=" => order >= 0,
                _ => throw new FormatException($"Unknown comparison '{comparison}'."),
            };
        };
    }

    private Func<IFilterableMessage, object?> ParseOperand()
    {
        if (Current.Kind == SqlTokenKind.Identifier)
        {
            var name = Current.Text;
            position++;
            return message => PropertyValue(message, name, out var value) ? value : null;
        }

        var literal = ParseLiteral();
        return _ => literal;
    }

    private object ParseLiteral()
    {
        var token = Current;
        position++;
        return token.Kind switch
        {
            SqlTokenKind.String => token.Text,
            SqlTokenKind.Number => decimal.Parse(token.Text, CultureInfo.InvariantCulture),
            _ => throw new FormatException($"Expected a literal, got '{token.Text}'."),
        };
    }

    private static bool PropertyValue(IFilterableMessage message, string name, out object? value)
    {
        if (name.StartsWith("sys.", StringComparison.OrdinalIgnoreCase))
        {
            value = message.GetSystemProperty(name[4..]);
            return value is not null;
        }

        var userName = name.StartsWith("user.", StringComparison.OrdinalIgnoreCase) ? name[5..] : name;
        return message.TryGetApplicationProperty(userName, out value);
    }

    private static int? Compare(object a, object b)
    {
        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb);
        }

        if (ToNumber(a) is { } na && ToNumber(b) is { } nb)
        {
            return na.CompareTo(nb);
        }

        if (a is bool ba && b is bool bb)
        {
            return ba == bb ? 0 : 1;
        }

        return null;
    }

    private static decimal? ToNumber(object value) => value switch
    {
        decimal d => d,
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double =>
            Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private void Expect(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw new FormatException($"Expected '{symbol}', got '{Current.Text}'.");
        }
    }

    private bool TrySymbol(string symbol)
    {
        if (Current.IsSymbol(symbol))
        {
            position++;
            return true;
        }

        return false;
    }

    private bool TryKeyword(string keyword)
    {
        if (Current.IsKeyword(keyword))
        {
            position++;
            return true;
        }

        return false;
    }

    private string ExpectIdentifier()
    {
        if (Current.Kind != SqlTokenKind.Identifier)
        {
            throw new FormatException($"Expected a property name, got '{Current.Text}'.");
        }

        return tokens[position++].Text;
    }
}
