namespace Booking.Application.Privacy;

/// <summary>
/// Whose data key it is. Patients' and partners' keys live in separate namespaces (<c>patient:…</c>, <c>partner:…</c>),
/// so no id of one kind can name, open or destroy a key of the other.
/// </summary>
public sealed record DataKeyOwner
{
    private DataKeyOwner(string name) => Name = name;

    /// <summary>The owner as stored and bound into the wrapping: <c>{kind}:{id}</c>.</summary>
    public string Name { get; }

    public static DataKeyOwner Patient(string patientId) => new("patient:" + patientId);

    public static DataKeyOwner Partner(string partnerId) => new("partner:" + partnerId);

    public override string ToString() => Name;
}
