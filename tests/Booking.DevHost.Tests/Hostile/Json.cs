using System.Globalization;
using System.Text;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// A JSON tree that can say what System.Text.Json would refuse to write: duplicate keys, number tokens of any
/// size (<c>1e400</c>), lone surrogates (written as the escapes <c>\ud800</c>), and nesting of any depth.
/// </summary>
public abstract record Json
{
    public sealed record Str(string Value) : Json;

    /// <summary>A number token exactly as written, which may be out of every range (<c>-0</c>, <c>1e400</c>).</summary>
    public sealed record Num(string Token) : Json;

    public sealed record Bool(bool Value) : Json;

    public sealed record Null : Json;

    public sealed record Arr(IReadOnlyList<Json> Items) : Json;

    /// <summary>Members in order; a name may repeat.</summary>
    public sealed record Obj(IReadOnlyList<KeyValuePair<string, Json>> Members) : Json;

    public static Json Number(long value) => new Num(value.ToString(CultureInfo.InvariantCulture));

    public string Render()
    {
        var builder = new StringBuilder();
        Write(this, builder);
        return builder.ToString();
    }

    public override string ToString() => Render();

    private static void Write(Json node, StringBuilder to)
    {
        // A loop for the single-child chains that deep nesting makes, so rendering never overflows the stack.
        var closers = new Stack<char>();
        while (true)
        {
            if (node is Arr { Items.Count: 1 } chain)
            {
                to.Append('[');
                closers.Push(']');
                node = chain.Items[0];
                continue;
            }

            switch (node)
            {
                case Str s: WriteString(s.Value, to); break;
                case Num n: to.Append(n.Token); break;
                case Bool b: to.Append(b.Value ? "true" : "false"); break;
                case Null: to.Append("null"); break;
                case Arr a:
                    to.Append('[');
                    for (var i = 0; i < a.Items.Count; i++)
                    {
                        if (i > 0)
                        {
                            to.Append(',');
                        }

                        Write(a.Items[i], to);
                    }

                    to.Append(']');
                    break;
                case Obj o:
                    to.Append('{');
                    for (var i = 0; i < o.Members.Count; i++)
                    {
                        if (i > 0)
                        {
                            to.Append(',');
                        }

                        WriteString(o.Members[i].Key, to);
                        to.Append(':');
                        Write(o.Members[i].Value, to);
                    }

                    to.Append('}');
                    break;
            }

            break;
        }

        while (closers.Count > 0)
        {
            to.Append(closers.Pop());
        }
    }

    /// <summary>Escapes every non-ASCII or control character as <c>\uXXXX</c>, lone surrogates included.</summary>
    private static void WriteString(string value, StringBuilder to)
    {
        to.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': to.Append("\\\""); break;
                case '\\': to.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        to.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        to.Append(c);
                    }

                    break;
            }
        }

        to.Append('"');
    }
}
