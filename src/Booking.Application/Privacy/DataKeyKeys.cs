using System.Security.Cryptography;
using System.Text;
using Booking.Application.Storage;

namespace Booking.Application.Privacy;

/// <summary>
/// Data keys are spread over a fixed number of partitions (by a hash of the patient id), so a re-wrap run can
/// visit them all with single-partition reads while each key stays a point read away.
/// </summary>
public static class DataKeyKeys
{
    public const int Shards = 16;

    public static DocumentKey For(string patientId) => new(Shard(ShardOf(patientId)), patientId);

    public static string Shard(int shard) => $"dek-shard-{shard:00}";

    private static int ShardOf(string patientId) => SHA256.HashData(Encoding.UTF8.GetBytes(patientId))[0] % Shards;
}
