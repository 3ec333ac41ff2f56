using BenchmarkDotNet.Attributes;
using Booking.Application.Booking;
using Booking.Application.Common;

namespace Booking.Benchmarks;

/// <summary>
/// A whole booking (validation, idempotency, sealing, slot hold, confirmation) with real sealing against the
/// same path with a pass-through cipher. Each invocation books a distinct slot; 100 patients take turns, so
/// their data keys are cached as in a warm process.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(2000)]
public class BookingBenchmarks
{
    private BenchWorld _world = null!;
    private BookAppointment _book = null!;
    private IReadOnlyList<string> _slots = [];
    private int _next;

    [Params(false, true)]
    public bool PassThroughCipher { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _world?.Dispose();
        _world = new BenchWorld(PassThroughCipher);
        _book = _world.Get<BookAppointment>();
        _slots = _world.PractitionerWithSlots();
        _next = 0;
    }

    [Benchmark]
    public async Task<bool> BookAnAppointment()
    {
        var i = _next++;
        var outcome = await _book.HandleAsync(
            new Caller($"patient-{i % 100}", Role.Patient),
            $"key-{i}",
            new BookAppointmentCommand(_slots[i], new PatientInput("Ermengarde", "Quillfeather", "ermengarde@example.org", "+33612345678", "1957-03-14"), "Suivi", new ConsentInput(true, false)),
            default);
        return outcome.Succeeded ? true : throw new InvalidOperationException(outcome.Failure!.Detail);
    }
}
