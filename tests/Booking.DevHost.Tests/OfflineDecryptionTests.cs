using System.Net;
using System.Text.Json;
using Booking.Domain.Patients;
using Booking.Infrastructure.Auth;
using Booking.Infrastructure.Crypto;

namespace Booking.DevHost.Tests;

/// <summary>
/// Erasure as an attacker holding a copy of the local data directory sees it: the copy is taken the moment
/// <c>DELETE /api/me</c> answers, and every 32-byte value in it is tried as a KEK, every other base64 value as a
/// wrapped data key, and every envelope as a sealed field, under every context the code could have bound. Values are
/// taken from the JSON files and from the raw bytes of every file, the SQLite database and its write-ahead log included. Nothing of
/// the erased patient opens; the patient who stays opens from the same copy, so the attack itself works.
/// </summary>
public sealed class OfflineDecryptionTests
{
    private static readonly string[] Erased = ["Ermengarde", "Quillfeather", "ermengarde@example.org", "+33698765432", "1957-03-14", "Anxiété sévère"];
    private static readonly string ErasedOwner = "patient:" + PatientIdentity.IdOf("booking-dev", "patient-erm");
    private static readonly string[] Staying = ["Théodule", "Brassac", "theodule@example.org", "+33611223344", "1961-07-02", "Contrôle annuel"];

    [Fact]
    public async Task NothingOfAnErasedPatientOpensFromACopyOfTheDataDirectoryWhileOthersStillDo()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slots = await Scenario.FreeSlotIdsAsync(api, practitioner.Id);
        var erasedToken = await api.TokenAsync("patient-erm", "patient");
        var erasedId = await BookAsync(api, erasedToken, slots[0], Erased);
        foreach (var slot in slots.Skip(2).Take(3))
        {
            var moved = await api.PostAsync($"/api/appointments/{erasedId}/reschedule", new { slotId = slot }, erasedToken, "move-" + slot[..8]);
            Assert.Equal(HttpStatusCode.OK, moved.Status);
        }

        var stayingId = await BookAsync(api, await api.TokenAsync("patient-theo", "patient"), slots[1], Staying);
        var attack = new Attack(
            [PatientIdentity.IdOf("booking-dev", "patient-erm"), PatientIdentity.IdOf("booking-dev", "patient-theo"), "erased"],
            [erasedId, stayingId]);
        var before = attack.Run(Copy(host.DataDirectory)); // before erasure the copy gives everything away
        Assert.Contains(Erased[0], before.Opened);
        Assert.Contains(ErasedOwner, before.KeysOf);

        var erased = await api.SendAsync(HttpMethod.Delete, "/api/me", null, erasedToken);
        var copy = Copy(host.DataDirectory);

        Assert.Equal(HttpStatusCode.NoContent, erased.Status);
        var after = attack.Run(copy);
        Assert.DoesNotContain(ErasedOwner, after.KeysOf);
        Assert.Contains("patient:" + PatientIdentity.IdOf("booking-dev", "patient-theo"), after.KeysOf);
        Assert.All(Erased, value => Assert.DoesNotContain(value, after.Opened));
        Assert.All(Staying, value => Assert.Contains(value, after.Opened));
    }

    private static async Task<string> BookAsync(ApiClient api, string token, string slotId, string[] values)
    {
        var booked = await api.PostAsync("/api/appointments", new
        {
            slotId,
            patient = new { firstName = values[0], lastName = values[1], email = values[2], phone = values[3], birthDate = values[4] },
            reason = values[5],
            consent = new { email = false, sms = false },
        }, token, "book-" + values[2]);
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        return booked.Body["appointmentId"]!.GetValue<string>();
    }

    private static string Copy(string dataDirectory)
    {
        var copy = Path.Combine(Path.GetTempPath(), "booking-offline-copies", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".lock"))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(dataDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var destination = File.Create(target);
            source.CopyTo(destination);
        }

        return copy;
    }

    /// <summary>What someone who knows the code, the ids and the copy can open: the owners whose data keys unwrap, and every plaintext.</summary>
    private sealed class Attack(IReadOnlyList<string> patientIds, IReadOnlyList<string> appointmentIds)
    {
        private readonly AesGcmFieldCipher _cipher = new();

        public (HashSet<string> KeysOf, HashSet<string> Opened) Run(string directory)
        {
            var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToList();
            var strings = files.SelectMany(StringsIn).ToHashSet(StringComparer.Ordinal);
            var blobs = strings.Select(s => (Text: s, Bytes: Base64(s))).Where(b => b.Bytes is not null).ToList();
            var keks = blobs.Where(b => b.Bytes!.Length == 32).Select(b => b.Bytes!).Concat(files.SelectMany(RawWindows)).ToList();
            var owners = strings.Where(s => s.StartsWith("patient:", StringComparison.Ordinal) || s.StartsWith("partner:", StringComparison.Ordinal))
                .Concat(patientIds.Select(id => "patient:" + id)).Distinct().ToList();
            var dataKeys = new List<byte[]>();
            var keysOf = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, wrapped) in blobs.Where(b => b.Bytes!.Length > 32))
            {
                foreach (var kek in keks)
                {
                    foreach (var owner in owners)
                    {
                        if (Try(() => _cipher.Unwrap(kek, wrapped!, $"booking-dek|v2|{owner}")) is { } key)
                        {
                            dataKeys.Add(key);
                            keysOf.Add(owner);
                        }
                    }
                }
            }

            var opened = new HashSet<string>(StringComparer.Ordinal);
            foreach (var envelope in strings.Where(s => s.StartsWith(AesGcmFieldCipher.EnvelopeVersion, StringComparison.Ordinal)))
            {
                foreach (var key in dataKeys)
                {
                    foreach (var context in FieldContexts())
                    {
                        if (Try(() => _cipher.Open(key, context, envelope)) is { } plaintext)
                        {
                            opened.Add(plaintext);
                        }
                    }
                }
            }

            return (keysOf, opened);
        }

        private IEnumerable<string> FieldContexts() =>
            from appointmentId in appointmentIds
            from field in Enum.GetValues<PersonalField>()
            from patientId in patientIds
            select $"booking-field|v1|appointment|{appointmentId}|{field}|{patientId}";

        private static T? Try<T>(Func<T> attempt)
            where T : class
        {
            try
            {
                return attempt();
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or ArgumentException)
            {
                return null;
            }
        }

        private static byte[]? Base64(string text)
        {
            if (text.Length < 40)
            {
                return null;
            }

            var buffer = new byte[text.Length];
            return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
        }

        /// <summary>
        /// Every value in the file: the strings of its JSON (the key ring, the access log), and every run of bytes that
        /// could be a base64 value, an envelope or an owner, wherever it lies in a binary file (the SQLite database and
        /// its write-ahead log hold the documents as UTF-8 inside their pages, deleted ones too unless overwritten).
        /// </summary>
        private static IEnumerable<string> StringsIn(string file) => JsonStringsIn(file).Concat(TokensIn(File.ReadAllBytes(file)));

        private static IEnumerable<string> TokensIn(byte[] bytes)
        {
            var start = -1;
            for (var i = 0; i <= bytes.Length; i++)
            {
                var inToken = i < bytes.Length && IsTokenByte(bytes[i]);
                if (inToken && start < 0)
                {
                    start = i;
                }
                else if (!inToken && start >= 0)
                {
                    if (i - start >= 8)
                    {
                        yield return System.Text.Encoding.ASCII.GetString(bytes, start, i - start);
                    }

                    start = -1;
                }
            }
        }

        private static bool IsTokenByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'/' or (byte)'=' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)':';

        /// <summary>Every 32 bytes of the key ring file, as a KEK kept there in binary would be.</summary>
        private static IEnumerable<byte[]> RawWindows(string file)
        {
            if (!Path.GetFileName(file).StartsWith("keyring", StringComparison.Ordinal))
            {
                yield break;
            }

            var bytes = File.ReadAllBytes(file);
            for (var i = 0; i + 32 <= bytes.Length; i++)
            {
                yield return bytes[i..(i + 32)];
            }
        }

        private static IEnumerable<string> JsonStringsIn(string file)
        {
            var text = File.ReadAllText(file);
            foreach (var document in new[] { text }.Concat(text.Split('\n')))
            {
                JsonDocument parsed;
                try
                {
                    parsed = JsonDocument.Parse(document);
                }
                catch (JsonException)
                {
                    continue;
                }

                using (parsed)
                {
                    foreach (var value in Walk(parsed.RootElement))
                    {
                        yield return value;
                    }
                }
            }
        }

        private static IEnumerable<string> Walk(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array => element.EnumerateArray().SelectMany(Walk).ToList(),
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Walk(p.Value).Prepend(p.Name)).ToList(),
            _ => [],
        };
    }
}
