using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Domain.Appointments;
using Booking.Functions.Http;

namespace Booking.Benchmarks;

/// <summary>
/// JSON round trips (serialise to UTF-8, parse back) of the main API contracts with the API's own options:
/// a booking request, its 201 answer, a week of free slots (150) and a search answer for a city of 1,000.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly BookAppointmentCommand BookingRequest = new(
        "wdgXy6c0GoQtM7F_b_sTaA.rb7scwhF.QMP5ag2AHJZ_",
        new PatientInput("Ermengarde", "Quillfeather", "ermengarde@example.org", "+33612345678", "1957-03-14"),
        "Suivi",
        new ConsentInput(true, false));

    private static readonly BookingResponse BookingAnswer = new(
        "kq3Y8rVb0yXW2nBq1cLr5A", AppointmentStatus.Confirmed, "wdgXy6c0GoQtM7F_b_sTaA", "2026-12-01T09:00:00+01:00", "2026-12-01T09:15:00+01:00");

    private static readonly SlotListResponse WeekOfSlots = new("wdgXy6c0GoQtM7F_b_sTaA", "Europe/Paris", Slots(150), null);

    private static readonly ItemsResponse<SearchHitResponse> SearchAnswer = new(Enumerable.Range(0, 1000)
        .Select(i => new SearchHitResponse($"practitioner{i:D6}xxxxxxxx", $"Dr Banc {i:D4}", "Médecine générale", "Saint-Étienne", "Europe/Paris", [], Slots(3)))
        .ToList(), null);

    [Benchmark]
    public BookAppointmentCommand? BookingRequestRoundTrip() => RoundTrip(BookingRequest);

    [Benchmark]
    public BookingResponse? BookingResponseRoundTrip() => RoundTrip(BookingAnswer);

    [Benchmark]
    public SlotListResponse? WeekOfSlotsRoundTrip() => RoundTrip(WeekOfSlots);

    [Benchmark]
    public ItemsResponse<SearchHitResponse>? SearchOf1000RoundTrip() => RoundTrip(SearchAnswer);

    private static T? RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Options), JsonDefaults.Options);

    private static List<SlotResponse> Slots(int count) => Enumerable.Range(0, count)
        .Select(i => new SlotResponse($"wdgXy6c0GoQtM7F_b_sTaA.rb7scwhF.{i:D12}", "2026-12-01T09:00:00+01:00", "2026-12-01T09:15:00+01:00"))
        .ToList();
}
