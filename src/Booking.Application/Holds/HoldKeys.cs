using Booking.Application.Booking;
using Booking.Application.Storage;

namespace Booking.Application.Holds;

public static class HoldKeys
{
    public static DocumentKey Ledger(string patientId) => new(AppointmentKeys.PatientPartition(patientId), "holds");
}
