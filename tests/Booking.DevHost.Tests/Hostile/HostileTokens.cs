using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// Bearer tokens an attacker could present. Most are signed with the host's real key, so they pass the
/// signature check and test what the API makes of their claims: no expiry, a role it does not know, a subject
/// with a NUL in it, a practitionerId that is a path traversal.
/// </summary>
public static class HostileTokens
{
    private static readonly object[] OddClaimValues =
    [
        "", "a\u0000b", "../../x", "\u202Eevil", new string('s', 129), new string('s', 5000), 5, true, new[] { "a", "b" }, new { a = 1 },
        "patient", "x\uD800y", "partner:x", " ",
    ];

    public static Gen<string> For(HostileWorld world) => Gen.Frequency(
        (1, Gen.OneOf(Unsigned(world))),
        (4, from claims in Claims(world) from tamper in Gen.Int[0, 9] select Sign(world, "HS256", claims, tamper == 0)));

    private static Gen<Dictionary<string, object>> Claims(HostileWorld world)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var baseRoles = Gen.OneOf<object>("patient", "practitioner", "operator", "admin", "PATIENT", new[] { "patient", "operator" }, new[] { "nobody" }, 7);
        var oddValue = Gen.OneOf(OddClaimValues);
        return from role in baseRoles
               from variant in Gen.Int[0, 10]
               from odd in oddValue
               from practitioner in Gen.OneOf<object?>(null, world.ObservedPractitioner, world.SandboxPractitioner)
               select Variant(world, now, role, variant, odd, practitioner);
    }

    private static Dictionary<string, object> Variant(HostileWorld world, long now, object role, int variant, object odd, object? practitioner)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "hostile-subject", ["roles"] = role, ["iss"] = world.Issuer, ["aud"] = world.Audience,
            ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600,
        };
        if (practitioner is not null)
        {
            claims["practitionerId"] = practitioner;
        }

        switch (variant)
        {
            case 0: claims["exp"] = now - 3600; break;
            case 1: claims["nbf"] = now + 3600; break;
            case 2: claims.Remove("exp"); break;
            case 3: claims["aud"] = "someone-else"; break;
            case 4: claims["iss"] = odd; break;
            case 5: claims["sub"] = odd; break;
            case 6: claims.Remove("sub"); claims["oid"] = odd; break;
            case 7: claims["practitionerId"] = odd; claims["roles"] = "practitioner"; break;
            case 8: claims["roles"] = odd; break;
            case 9: claims["exp"] = odd; break;
            default: break;
        }

        return claims;
    }

    private static string[] Unsigned(HostileWorld world)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "ops-hostile", ["roles"] = "operator", ["iss"] = world.Issuer, ["aud"] = world.Audience,
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        };
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        return
        [
            Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray()) + "." + payload + ".",
            Encode("{\"alg\":\"none\"}"u8.ToArray()) + "." + payload,
            Sign(world, "HS512", claims, tamper: false),
            Encode("{\"alg\":\"HS256\",\"kid\":\"../../../dev/null\"}"u8.ToArray()) + "." + payload + "." + Encode(new byte[32]),
            Encode("{\"alg\":\"RS256\",\"jku\":\"https://attacker.example/keys\"}"u8.ToArray()) + "." + payload + ".AAAA",
            "e30.e30.", "...", "a.b.c.d.e", "%%%.%%%.%%%", Encode("not json"u8.ToArray()) + "." + payload + ".x",
            Encode("{\"alg\":\"HS256\"}"u8.ToArray()) + "." + Encode("[1,2,3]"u8.ToArray()) + ".x",
        ];
    }

    private static string Sign(HostileWorld world, string algorithm, Dictionary<string, object> claims, bool tamper)
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = algorithm, typ = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var key = Convert.FromBase64String(world.SigningKey);
        var input = Encoding.ASCII.GetBytes(header + "." + payload);
        var signature = algorithm == "HS512" ? HMACSHA512.HashData(key, input) : HMACSHA256.HashData(key, input);
        if (tamper)
        {
            signature[0] ^= 1;
        }

        return header + "." + payload + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
