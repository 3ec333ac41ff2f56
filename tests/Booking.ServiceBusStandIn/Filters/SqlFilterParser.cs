using System.Globalization;

namespace Booking.ServiceBusStandIn.Filters;

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
