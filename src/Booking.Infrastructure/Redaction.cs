using Booking.Domain.Patients;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booking.Infrastructure;

public static class Redaction
{
    /// <summary>
    /// Erases every log value classified as personal data, whatever the level. Logging here carries ids only;
    /// this is the net under that rule, for a classified value that reaches a log by mistake.
    /// </summary>
    public static ILoggingBuilder AddBookingRedaction(this ILoggingBuilder logging)
    {
        logging.EnableRedaction();
        logging.Services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(BookingTaxonomy.PersonalData));
        return logging;
    }
}
