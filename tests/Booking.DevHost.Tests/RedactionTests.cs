using Booking.Domain.Patients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booking.DevHost.Tests;

public sealed partial class RedactionTests
{
    [Fact]
    public async Task AValueClassifiedAsPersonalDataIsErasedFromLogLines()
    {
        await using var host = await DevHostFixture.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<RedactionTests>>();

        LogContact(logger, "appointment-42", "ermengarde@example.org");

        var line = Assert.Single(host.LogLines, l => l.Contains("appointment-42", StringComparison.Ordinal));
        Assert.DoesNotContain("ermengarde", line, StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contact for {AppointmentId} is {Email}")]
    private static partial void LogContact(ILogger logger, string appointmentId, [PersonalData] string email);
}
