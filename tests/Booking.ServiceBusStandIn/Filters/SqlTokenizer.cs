namespace Booking.ServiceBusStandIn.Filters;

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
