using System.Security.Cryptography;
using System.Text;
using Booking.Application.Storage;

namespace Booking.Application.Privacy;

/// <summary>
/// Data keys are spread over a fixed number of partitions (by a hash of the owner), so a re-wrap run can
/// visit them all with single-partition reads while each key stays a point read away.
/// </summary>
public static class DataKeyKeys
{
    public const int Shards = 16;

    public static DocumentKey For(DataKeyOwner owner) => new(Shard(ShardOf(owner.Name)), owner.Name);

    public static string Shard(int shard) => $"dek-shard-{shard:00}";

    private static int ShardOf(string owner) => SHA256.HashData(Encoding.UTF8.GetBytes(owner))[0] % Shards;
}
