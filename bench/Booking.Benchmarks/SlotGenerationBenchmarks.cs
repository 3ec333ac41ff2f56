using BenchmarkDotNet.Attributes;
using Booking.Application.Search;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Benchmarks;

/// <summary>
/// A clinic's week (weekdays 09:00-12:00 and 14:00-18:00, Saturday mornings, 15-minute slots) over the
/// 28-day default horizon: the slots alone (NodaTime zone mapping), and the free slots with their opaque ids
/// as a listing returns them (an HMAC per id, a day document read per date, none held).
/// </summary>
[MemoryDiagnoser]
public class SlotGenerationBenchmarks
{
    private BenchWorld _world = null!;
    private Practitioner _practitioner = null!;
    private WeeklySchedule _schedule = null!;
    private SlotCatalog _catalog = null!;
    private LocalDate _today;

    [GlobalSetup]
    public void Setup()
    {
        _world = new BenchWorld(passThroughCipher: false);
        _practitioner = _world.ClinicPractitioners(1, "Lyon")[0];
        _schedule = _practitioner.Schedule!;
        _catalog = _world.Get<SlotCatalog>();
        _today = SystemClock.Instance.GetCurrentInstant().InZone(_schedule.Zone).Date;
    }

    [GlobalCleanup]
    public void Cleanup() => _world.Dispose();

    [Benchmark]
    public int GenerateSlotsOver28Days()
    {
        var count = 0;
        for (var date = _today; date < _today.PlusDays(WeeklySchedule.DefaultHorizonDays); date = date.PlusDays(1))
        {
            foreach (var _ in SlotGenerator.SlotsOn(_schedule, date))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark]
    public Task<IReadOnlyList<FreeSlot>> FreeSlotsWithIdsOver28Days() =>
        _catalog.FreeSlotsAsync(_practitioner, _today, _today.PlusDays(WeeklySchedule.DefaultHorizonDays - 1), int.MaxValue, null, default);
}
