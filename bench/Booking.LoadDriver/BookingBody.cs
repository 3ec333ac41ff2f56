namespace Booking.LoadDriver;

/// <summary>The booking request both wrk's script and the bulk booker send (bench/wrk/booking.lua writes the same JSON).</summary>
public static class BookingBody
{
    public static string For(string slotId) =>
        "{\"slotId\":\"" + slotId + "\",\"patient\":{\"firstName\":\"Ermengarde\",\"lastName\":\"Quillfeather\"," +
        "\"email\":\"ermengarde@example.org\",\"phone\":\"+33612345678\",\"birthDate\":\"1957-03-14\"}," +
        "\"reason\":\"Suivi\",\"consent\":{\"email\":true,\"sms\":false}}";
}
