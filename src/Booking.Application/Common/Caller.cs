namespace Booking.Application.Common;

/// <summary>
/// Who is calling, as their credentials prove: <see cref="Subject"/> is their account id; a practitioner
/// also carries the <see cref="PractitionerId"/> they act as.
/// </summary>
public sealed record Caller(string Subject, Role Role, string? PractitionerId = null)
{
    /// <summary>The name the access log and breach reports use: <c>patient:{id}</c>, <c>practitioner:{id}</c>, <c>operator:{id}</c>.</summary>
    public string Principal => Role switch
    {
        Role.Practitioner => $"practitioner:{PractitionerId}",
        _ => $"{Role.ToString().ToLowerInvariant()}:{Subject}",
    };

    public bool ActsFor(string practitionerId) =>
        Role == Role.Operator || (Role == Role.Practitioner && PractitionerId == practitionerId);
}
