using BenchmarkDotNet.Attributes;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Domain.Appointments;
using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Benchmarks;

/// <summary>The cost of sealing and of opening one appointment's personal fields (five patient fields and a reason).</summary>
[MemoryDiagnoser]
public class SealingBenchmarks
{
    private static readonly PatientDetails Patient = new("Ermengarde", "Quillfeather", "ermengarde@example.org", "+33612345678", new LocalDate(1957, 3, 14));
    private BenchWorld _world = null!;
    private PersonalDataDoor _door = null!;
    private Appointment _sealed = null!;
    private readonly Caller _operator = new("ops", Role.Operator);

    [GlobalSetup]
    public void Setup()
    {
        _world = new BenchWorld(passThroughCipher: false);
        _door = _world.Get<PersonalDataDoor>();
        var (patient, reason) = _door.SealAsync("patient-1", "appointment-1", Patient, "Suivi annuel", default).Result;
        var placement = new SlotPlacement("slot", new LocalDate(2026, 12, 1), new Domain.Practitioners.SlotTime(Instant.FromUtc(2026, 12, 1, 8, 0), Instant.FromUtc(2026, 12, 1, 8, 30)), "Europe/Paris");
        _sealed = Appointment.Draft("appointment-1", "p", "patient-1", placement, patient, reason, new Consent(true, false), Instant.FromUtc(2026, 11, 28, 0, 0)).Confirm(Instant.FromUtc(2026, 11, 28, 0, 0));
    }

    [GlobalCleanup]
    public void Cleanup() => _world.Dispose();

    [Benchmark]
    public Task<(SealedPatient, string?)> SealAppointmentFields() => _door.SealAsync("patient-1", "appointment-1", Patient, "Suivi annuel", default);

    [Benchmark]
    public Task<Application.Booking.AppointmentView> OpenAppointmentFields() => _door.OpenAsync(_operator, "benchmark", _sealed, default);
}
