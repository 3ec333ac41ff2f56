namespace Booking.Domain.Appointments;

public enum AppointmentStatus
{
    /// <summary>Written, slot not yet held. Invisible to everyone; becomes confirmed or abandoned.</summary>
    Pending,

    /// <summary>Holds its slot.</summary>
    Confirmed,

    /// <summary>Cancelled by the patient or practitioner; its slot is free again.</summary>
    Cancelled,

    /// <summary>Never confirmed because the slot was taken first. Invisible to everyone.</summary>
    Abandoned,
}
