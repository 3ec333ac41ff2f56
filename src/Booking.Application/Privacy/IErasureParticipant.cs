namespace Booking.Application.Privacy;

/// <summary>
/// A place outside the document store that may hold what a patient was sent or told, and must drop it when they
/// have their data erased (the local host's notification sink). Told the ids of the patient's appointments and waitlist
/// entries (an offer's notification names its entry where others name an appointment).
/// </summary>
public interface IErasureParticipant
{
    Task ForgetAppointmentsAsync(IReadOnlyCollection<string> appointmentIds, CancellationToken cancellationToken);
}
