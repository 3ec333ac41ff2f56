using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Booking.Application.Booking;
using Booking.Application.Common;

namespace Booking.Benchmarks;

/// <summary>
/// A whole booking (validation, idempotency, sealing, slot hold, confirmation) with real sealing against the
/// same path with a pass-through cipher. Each invocation books a distinct slot; 100 patients take turns, so
/// their data keys are cached as in a warm process. BenchmarkDotNet's mean is the time a booking takes, one after
/// another; each iteration also measures the CPU the process spent per booking, the filing handed off the request path
/// included (waited for before the iteration ends), and prints the median of the last <see cref="CpuIterations"/> as
/// <c>CPU per booking: …</c> (bench/run.sh reads that line).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Bookings)]
public class BookingBenchmarks
{
    private BenchWorld _world = null!;
    private BookAppointment _book = null!;
    private IReadOnlyList<string> _slots = [];
    private const int Bookings = 2000;
    private const int CpuIterations = 12;
    private readonly List<double> _cpuPerBookingUs = [];
    private TimeSpan _cpuAtStart;
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
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [IterationCleanup]
    public void MeasureCpu()
    {
        _world.Get<BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var spent = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        _cpuPerBookingUs.Add(spent.TotalMicroseconds / Math.Max(1, _next));
    }

    [GlobalCleanup]
    public void ReportCpu()
    {
        var last = _cpuPerBookingUs.TakeLast(CpuIterations).Order().ToList();
        if (last.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU per booking: PassThroughCipher={PassThroughCipher} {last[last.Count / 2]:0.0} µs (median of {last.Count} iterations, {last[0]:0.0}–{last[^1]:0.0})"));
        }

        _world?.Dispose();
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
