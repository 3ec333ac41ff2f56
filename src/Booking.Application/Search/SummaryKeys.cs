using Booking.Application.Practitioners;
using Booking.Application.Storage;

namespace Booking.Application.Search;

/// <summary>
/// Where summaries live: in the city's directory partition, one per practitioner for the default view and one per
/// online visit type. Tags select a view, with or without a specialty: visit type ids are a-z, 0-9 and '-', so a tag
/// reads one way only.
/// </summary>
public static class SummaryKeys
{
    public static DocumentKey Default(string city, string practitionerId) => new(PractitionerKeys.DirectoryPartition(city), "summary." + practitionerId);

    public static DocumentKey OfType(string city, string practitionerId, string visitTypeId) =>
        new(PractitionerKeys.DirectoryPartition(city), "summary." + practitionerId + "." + visitTypeId);

    public static DocumentKey Of(string city, string practitionerId, string? visitTypeId) =>
        visitTypeId is null ? Default(city, practitionerId) : OfType(city, practitionerId, visitTypeId);

    /// <summary>The tag of a view (<paramref name="visitTypeId"/> null: the default one), of one specialty when given.</summary>
    public static string Tag(string? visitTypeId, string? specialtyKey) =>
        (visitTypeId is null ? "any" : "type:" + visitTypeId) + (specialtyKey is null ? "" : "|" + specialtyKey);
}
