using BenchmarkDotNet.Attributes;
using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Search;

namespace Booking.Benchmarks;

/// <summary>
/// Availability search in a city of 1,000 practitioners (the in-process use case on the embedded store, in
/// memory): the first page (20 by display name) with their first three free slots of the week, and the same
/// filtered by specialty.
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private const string City = "Saint-Étienne";
    private BenchWorld _world = null!;
    private SearchPractitioners _search = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new BenchWorld(passThroughCipher: false);
        _world.ClinicPractitioners(1000, City);
        _search = _world.Get<SearchPractitioners>();
    }

    [GlobalCleanup]
    public void Cleanup() => _world.Dispose();

    [Benchmark]
    public Task<Outcome<Page<SearchHit>>> SearchCityOf1000() =>
        _search.HandleAsync(new SearchPractitionersQuery("saint-etienne", null, null, null, PageRequest.First), default);

    [Benchmark]
    public Task<Outcome<Page<SearchHit>>> SearchCityOf1000BySpecialty() =>
        _search.HandleAsync(new SearchPractitionersQuery("saint-etienne", "psychiatrie", null, null, PageRequest.First), default);
}
