using Booking.Application.Storage;

namespace Booking.Application.Booking;

/// <summary>An appointment is its own partition (point reads by id); a patient's links to theirs share the patient's partition.</summary>
public static class AppointmentKeys
{
    public static DocumentKey Appointment(string appointmentId) => new(appointmentId, appointmentId);

    public static DocumentKey PatientLink(string patientId, string appointmentId) => new("patient:" + patientId, appointmentId);

    public static string PatientPartition(string patientId) => "patient:" + patientId;
}
