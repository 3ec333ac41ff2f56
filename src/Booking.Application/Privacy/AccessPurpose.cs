namespace Booking.Application.Privacy;

/// <summary>Why personal data is opened; recorded with each access.</summary>
public static class AccessPurpose
{
    public const string PatientViewsAppointment = "patient-views-appointment";
    public const string PractitionerViewsAppointment = "practitioner-views-appointment";
    public const string OperatorViewsAppointment = "operator-views-appointment";
    public const string PractitionerAgenda = "practitioner-agenda";
    public const string PatientListsAppointments = "patient-lists-appointments";
    public const string PatientExport = "patient-export";
    public const string PatientErasure = "patient-erasure";
    public const string Notification = "notification";
    public const string PartnerReadsAppointment = "partner-reads-appointment";
    public const string LinkHolderViewsAppointment = "link-holder-views-appointment";
    public const string LinkHolderCancelsAppointment = "link-holder-cancels-appointment";
    public const string WaitlistOffer = "waitlist-offer";
    public const string OfferHolderBooks = "offer-holder-books";
}
