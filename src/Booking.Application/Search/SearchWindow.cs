using NodaTime;

namespace Booking.Application.Search;

/// <summary>A search as validated: the city's partition, the specialty as matched, the dates asked for and the page size.</summary>
public sealed record SearchWindow(string Partition, string? SpecialtyKey, LocalDate? From, int Days, string? VisitType, int Limit)
{
    /// <summary>The parameters a cursor of this search is bound to (see <see cref="Paging.PageScope"/>).</summary>
    public string[] ScopeParameters() =>
    [
        Partition, SpecialtyKey ?? "", From?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Days.ToString(System.Globalization.CultureInfo.InvariantCulture), VisitType ?? "",
    ];
}
