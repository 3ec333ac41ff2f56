using Booking.Application.Privacy;

namespace Booking.Benchmarks;

/// <summary>Benchmark-only: "seals" by copying, to measure what real sealing adds to a booking. Never registered outside benchmarks.</summary>
public sealed class PassThroughFieldCipher : IFieldCipher
{
    public string Seal(ReadOnlySpan<byte> key, string kekVersion, string associatedData, string plaintext) => "plain." + kekVersion + "." + plaintext;

    public string Open(ReadOnlySpan<byte> key, string associatedData, string envelope) => envelope[(envelope.IndexOf('.', 6) + 1)..];

    public byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> dataKey, string associatedData) => dataKey.ToArray();

    public byte[] Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped, string associatedData) => wrapped.ToArray();

    public IKeyedFieldCipher WithKey(ReadOnlySpan<byte> key, string kekVersion) => new Keyed(this, kekVersion);

    private sealed class Keyed(PassThroughFieldCipher cipher, string kekVersion) : IKeyedFieldCipher
    {
        public string Seal(string associatedData, string plaintext) => cipher.Seal([], kekVersion, associatedData, plaintext);

        public string Open(string associatedData, string envelope) => cipher.Open([], associatedData, envelope);

        public void Dispose()
        {
        }
    }
}
