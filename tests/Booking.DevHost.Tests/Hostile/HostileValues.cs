using CsCheck;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>Values chosen to break parsers and validators: boundaries, wrong types, unicode oddities, sheer size.</summary>
public static class HostileValues
{
    /// <summary>Texts that have broken real systems, and the boundaries of this API's own formats.</summary>
    public static readonly string[] Curated =
    [
        "", " ", "\t", "\r\n", "null", "undefined", "NaN", "Infinity", "true", "[]", "{}", "-1", "0", "2147483647", "2147483648",
        "-2147483649", "9223372036854775808", "1e400", "0x10", "1,5", "٣", "9999-12-31", "0001-01-01", "0000-00-00", "-0001-01-01",
        "10000-01-01", "2026-02-30", "2026-13-01", "2026-1-1", "20261201", "2026-12-01T09:00", "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+14:00", "2026-12-01T09:00:00+99:00", "24:00", "23:60", "99:99", "-01:00", "9:00", "09:00:00",
        "Europe/Paris", "Europe/../../etc/passwd", "UTC", "Etc/GMT+14", "Etc/GMT-14", "Factory", "America/Argentina/ComodRivadavia",
        "\u202Eevil\u202C", "a\u200Bb", "\u200D\u200D", "\uFEFF", "\u0000", "a\u0000b", "\u0085", "\u2028\u2029", "\uFFFF", "\uFFFE",
        "\uD800", "\uDFFF", "a\uD800b", "\uDC00\uD800", "\uD83D\uDE00", "e\u0301\u0301\u0301", "\u01C4", "\u0130", "ß", "Ⅷ", "ｆｕｌｌ",
        "../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "%2e%2e%2f", "%", "%zz", "<script>alert(1)</script>", "' OR 1=1 --",
        "{{7*7}}", "${jndi:ldap://x/a}", "{0}", "%s%s%n", "\\", "\"", "/", "?", "#", "&", "=", "+", ";", "*", ".", "..",
        "+33612345678", "06 12 34 56 78", "+999999999999999999999", "+", "a@b", "@", "a@", "@b", "\"a b\"@example.org",
        "x@example.org\r\nBcc: y@example.org", "https://127.0.0.1/hook", "http://example.org/hook", "javascript:alert(1)",
        "file:///etc/passwd", "https://[::1]/", "patient:", "partner:", "practitioner:..", "partner-key:", "operator:x",
        "AAAAAAAAAAAAAAAAAAAAAA", "AAAA", "____", "----", "Bearer", "monday", "MONDAY", "Monday ", "funday",
    ];

    /// <summary>Number tokens outside every range the API reads, or not numbers JSON allows at all.</summary>
    public static readonly string[] NumberTokens =
    [
        "0", "-0", "-1", "1", "4", "5", "480", "481", "366", "367", "43200", "43201", "1441", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "99999999999999999999999999999", "1e400", "-1e400", "1e-400", "0.5", "1.0",
        "1E2", "5e0", "4.9999999999999999999", "00", "01", "-", "+1", ".5", "NaN", "Infinity", "0x10",
    ];

    public static Gen<string> Text { get; } = Gen.Frequency(
        (6, Gen.OneOf(Curated)),
        (3, Gen.String[Gen.Char, 0, 40]),
        (2, Gen.String[Gen.Char['\uD700', '\uE100'], 1, 12]),
        (1, from c in Gen.Char['\u0000', '\u007F'] from n in Gen.Int[100, 5_000] select new string(c, n)),
        (1, from n in Gen.Int[60_000, 80_000] select new string('é', n)),
        (2, from a in Gen.OneOf(Curated) from b in Gen.OneOf(Curated) select a + b));

    public static Gen<Json> Number { get; } = Gen.Frequency(
        (3, Gen.OneOf(NumberTokens).Select(t => (Json)new Json.Num(t))),
        (1, Gen.Long.Select(Json.Number)),
        (1, Gen.Double.Where(d => double.IsFinite(d)).Select(d => (Json)new Json.Num(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));

    /// <summary>Any JSON value at all, leaning to the ones a field does not expect.</summary>
    public static Gen<Json> Value { get; } = Gen.Frequency(
        (4, Text.Select(s => (Json)new Json.Str(s))),
        (2, Number),
        (1, Gen.Const((Json)new Json.Null())),
        (1, Gen.Bool.Select(b => (Json)new Json.Bool(b))),
        (1, Gen.Const((Json)new Json.Arr([]))),
        (1, Gen.Const((Json)new Json.Obj([]))),
        (1, Text.Array[1, 4].Select(a => (Json)new Json.Arr(a.Select(s => (Json)new Json.Str(s)).ToList()))),
        (1, Text.Select(s => (Json)new Json.Obj([new("value", new Json.Str(s))]))),
        (1, Gen.Int[2, 6_000].Select(Nested)));

    /// <summary>A value wrapped in <paramref name="depth"/> arrays: past the parser's depth limit from 64 on.</summary>
    public static Json Nested(int depth)
    {
        Json node = new Json.Str("deep");
        for (var i = 0; i < depth; i++)
        {
            node = new Json.Arr([node]);
        }

        return node;
    }
}
