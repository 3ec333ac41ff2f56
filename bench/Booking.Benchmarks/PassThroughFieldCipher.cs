using System.Text;
using Booking.Application.Privacy;

namespace Booking.Benchmarks;

/// <summary>Benchmark-only: "seals" by copying, to measure what real sealing adds to a booking. Never registered outside benchmarks.</summary>
public sealed class PassThroughFieldCipher : IFieldCipher
{
    public string Seal(ReadOnlySpan<byte> key, string kekVersion, string associatedData, string plaintext) => "plain." + kekVersion + "." + plaintext;

    public string Open(ReadOnlySpan<byte> key, string associatedData, string envelope) => envelope[(envelope.IndexOf('.', 6) + 1)..];

    public byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> dataKey, string associatedData) => dataKey.ToArray();

    public byte[] Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped, string associatedData) => wrapped.ToArray();

    internal static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);
}
