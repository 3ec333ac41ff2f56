using System.Security.Cryptography;
using System.Text;
using Booking.Application.Storage;

namespace Booking.Application.Booking;

/// <summary>
/// An appointment lives in one of <see cref="Shards"/> partitions, chosen by a hash of its id, so any appointment is still one
/// point read by id, and the outbox sweeper finds every unsettled one by one query per shard (no cross-partition query).
/// 64 shards keep each logical partition far below Cosmos DB's 20 GB and its per-partition throughput at Doctolib's scale
/// (docs/data-model.md). A patient's links to theirs share the patient's partition.
/// </summary>
public static class AppointmentKeys
{
    public const int Shards = 64;

    public static DocumentKey Appointment(string appointmentId) => new(Shard(ShardOf(appointmentId)), appointmentId);

    public static string Shard(int shard) => $"appointments-{shard:D2}";

    public static DocumentKey PatientLink(string patientId, string appointmentId) => new("patient:" + patientId, appointmentId);

    public static string PatientPartition(string patientId) => "patient:" + patientId;

    private static int ShardOf(string appointmentId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(appointmentId), hash);
        return hash[0] % Shards;
    }
}
