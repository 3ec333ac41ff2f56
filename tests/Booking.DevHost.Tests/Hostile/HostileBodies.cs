using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// Request bodies: a valid one built from the route's JSON schema (with the strategy's values for ids and
/// dates), then broken in the tree (wrong types, nulls, missing or duplicate members, deep nesting, huge arrays)
/// or in the bytes (truncated, not UTF-8, UTF-16, a BOM, comments, past the size limit).
/// </summary>
public static class HostileBodies
{
    private static readonly string[] OddMemberNames = ["", "__proto__", "constructor", "$type", "$id", "$ref", "\u0000", "slotId ", "SLOTID", "a.b", "[0]"];

    /// <summary>A body the schema accepts, with <paramref name="values"/> for the members it names.</summary>
    public static Json Template(JsonNode schema, string? name, IReadOnlyDictionary<string, string> values)
    {
        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "object":
                var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                return new Json.Obj((schema["properties"]?.AsObject() ?? [])
                    .Select(p => new KeyValuePair<string, Json>(p.Key, Template(OpenApiRoutes.Resolve(p.Value!), p.Key, values)))
                    .Where(m => required.Contains(m.Key) || m.Value is not Json.Null)
                    .ToList());
            case "array":
                var items = OpenApiRoutes.Resolve(schema["items"]!);
                return new Json.Arr([Template(items, name, values)]);
            case "integer":
            case "number":
                return new Json.Num(schema["default"]?.ToJsonString() ?? schema["minimum"]?.ToJsonString() ?? "1");
            case "boolean":
                return new Json.Bool(false);
            default:
                if (name is not null && values.TryGetValue(name, out var value))
                {
                    return new Json.Str(value);
                }

                return new Json.Str(schema["enum"]?[0]?.GetValue<string>() ?? (schema["format"]?.GetValue<string>(), schema["pattern"]?.GetValue<string>()) switch
                {
                    ("date", _) => DateTime.UtcNow.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ("email", _) => "zoe@example.org",
                    ("uri", _) => "https://example.org/hook",
                    (_, { } pattern) when pattern.Contains(':', StringComparison.Ordinal) => "09:00",
                    _ => "x",
                });
        }
    }

    /// <summary>Bytes and the media type to send them as, or no body at all.</summary>
    public static Gen<Body?> For(Json? template)
    {
        var raw = RawGarbage();
        if (template is null)
        {
            return Gen.Frequency((6, Gen.Const((Body?)null)), (1, raw.Select(b => (Body?)b)), (1, Tree(new Json.Obj([])).Select(b => (Body?)b)));
        }

        return Gen.Frequency(
            (2, Gen.Const<Body?>(Body.Of(template.Render()))),
            (10, Tree(template).Select(b => (Body?)b)),
            (4, Bytes(template.Render()).Select(b => (Body?)b)),
            (2, raw.Select(b => (Body?)b)),
            (1, Gen.Const((Body?)null)));
    }

    private static Gen<Body> Tree(Json template) =>
        from mutations in Mutation.Array[1, 3]
        select Body.Of(mutations.Aggregate(template, (tree, mutate) => mutate(tree)).Render());

    private static Gen<Func<Json, Json>> Mutation { get; } =
        from kind in Gen.Int[0, 7]
        from pick in Gen.Int[0, 1_000_000]
        from value in HostileValues.Value
        from memberName in Gen.Frequency((2, Gen.OneOf(OddMemberNames)), (1, HostileValues.Text))
        from count in Gen.Int[2, 6_000]
        from before in Gen.Bool
        select (Func<Json, Json>)(tree => Mutate(tree, kind, pick, value, memberName, count, before));

    private static Json Mutate(Json tree, int kind, int pick, Json value, string memberName, int count, bool before)
    {
        var paths = Paths(tree, []).ToList();
        var path = paths[pick % paths.Count];
        return kind switch
        {
            0 or 1 => At(tree, path, _ => value),                                                   // wrong type, null, odd text or number
            2 => At(tree, path, node => node is Json.Obj o && o.Members.Count > 0                 // a member missing
                ? new Json.Obj(o.Members.Where((_, i) => i != pick % o.Members.Count).ToList())
                : null),
            3 => At(tree, path, node => node is Json.Obj o && o.Members.Count > 0                 // a member twice, the other value first or last
                ? new Json.Obj(Duplicate(o.Members, pick % o.Members.Count, value, before))
                : new Json.Obj([new("a", value), new("a", node)])),
            4 => At(tree, path, node => node is Json.Obj o                                        // members nobody asked for, some of them many
                ? new Json.Obj([.. o.Members, .. Enumerable.Range(0, count % 50 == 0 ? count : 1).Select(i => new KeyValuePair<string, Json>(memberName + i, value))])
                : node),
            5 => At(tree, path, _ => HostileValues.Nested(count)),                                  // nesting past any sane depth
            6 => At(tree, path, node => node is Json.Arr a && a.Items.Count > 0                  // an array far longer than its maxItems
                ? new Json.Arr(Enumerable.Repeat(a.Items[0], Math.Min(count, 2_000)).ToList())
                : new Json.Arr([node, node])),
            _ => value,                                                                            // not an object at all
        };
    }

    private static List<KeyValuePair<string, Json>> Duplicate(IReadOnlyList<KeyValuePair<string, Json>> members, int index, Json value, bool before)
    {
        var list = members.ToList();
        list.Insert(before ? index : index + 1, new(members[index].Key, value));
        return list;
    }

    private static IEnumerable<int[]> Paths(Json node, int[] path)
    {
        yield return path;
        var children = node switch
        {
            Json.Obj o => o.Members.Select(m => m.Value).ToList(),
            Json.Arr a when path.Length < 8 => a.Items.ToList(),
            _ => [],
        };
        for (var i = 0; i < children.Count; i++)
        {
            foreach (var p in Paths(children[i], [.. path, i]))
            {
                yield return p;
            }
        }
    }

    /// <summary>The tree with the node at <paramref name="path"/> replaced; a null replacement removes the node from its parent.</summary>
    private static Json At(Json node, int[] path, Func<Json, Json?> replace)
    {
        if (path.Length == 0)
        {
            return replace(node) ?? new Json.Null();
        }

        var i = path[0];
        var rest = path[1..];
        return node switch
        {
            Json.Obj o => new Json.Obj(o.Members.SelectMany((m, j) => j != i
                ? [m]
                : (rest.Length == 0 && replace(m.Value) is null ? [] : new[] { new KeyValuePair<string, Json>(m.Key, At(m.Value, rest, replace)) })).ToList()),
            Json.Arr a => new Json.Arr(a.Items.SelectMany((item, j) => j != i
                ? [item]
                : (rest.Length == 0 && replace(item) is null ? [] : new[] { At(item, rest, replace) })).ToList()),
            _ => node,
        };
    }

    private static Gen<Body> Bytes(string valid) =>
        Gen.Frequency(
            (3, Gen.Int[0, Math.Max(0, valid.Length - 1)].Select(n => Body.Of(valid[..n]))),
            (1, Gen.Const(new Body([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], "application/json"))),
            (1, Gen.Const(new Body(Encoding.Unicode.GetBytes(valid), "application/json"))),
            (1, Gen.Const(new Body(Encoding.Unicode.GetBytes(valid), "application/json; charset=utf-16"))),
            (1, Gen.Const(Body.Of("/* hi */" + valid[..^1] + ",}"))),
            (1, Gen.Const(Body.Of(valid.Replace('"', '\'')))),
            (1, Gen.Const(Body.Of(valid + valid))),
            (1, Gen.Const(Body.Of(valid + "\u0000"))),
            (2, from at in Gen.Int[0, valid.Length] from junk in Gen.OneOf<byte[]>([0xC0, 0x80], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00])
                select new Body([.. Encoding.UTF8.GetBytes(valid[..at]), .. junk, .. Encoding.UTF8.GetBytes(valid[at..])], "application/json")),
            (1, from size in Gen.Int[Booking.Functions.Http.HttpPipeline.MaxBodyBytes - 16, Booking.Functions.Http.HttpPipeline.MaxBodyBytes + 16] select Body.Of(valid + new string(' ', Math.Max(0, size - valid.Length)))),
            (1, Gen.Const(Body.Of(valid + new string(' ', 2_000_000)))));

    private static Gen<Body> RawGarbage() => Gen.Frequency(
        (2, Gen.Byte.Array[0, 300].Select(b => new Body(b, "application/json"))),
        (2, HostileValues.Text.Select(s => Body.Of(s))),
        (1, Gen.Const(Body.Of(""))),
        (1, Gen.OneOf("null", "true", "0", "\"x\"", "[]", "[{}]", "{", "}", "{\"a\":", "{\"a\" 1}", "{'a':1}", "NaN", "{\"a\":NaN}", "\uFEFF{}")
            .Select(s => Body.Of(s))),
        (1, Gen.Int[65, 40_000].Select(depth => Body.Of(new string('[', depth) + new string(']', depth)))),
        (1, Gen.Int[65, 40_000].Select(depth => Body.Of(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)))));
}

/// <summary>Bytes to send with the media type they claim to be (which may be a lie).</summary>
public sealed record Body(byte[] Bytes, string ContentType)
{
    public static Body Of(string text) => new(Encoding.UTF8.GetBytes(text), "application/json");
}
