namespace Booking.ProductionShape.Tests;

/// <summary>
/// What the test's own .bicepparam gives main.bicep: the values an operator supplies for a deployment (docs/deploy.md,
/// "Production checklist"), pointed at the loopback providers.
/// </summary>
public sealed record ProductionParameters(
    string ApiClientId, int SmtpPort, string SmtpUserName, string SmtpFrom, Uri SmsEndpoint, string AlertEmail)
{
    public const string FileName = "production-shape.bicepparam";
    public const string EnvironmentName = "booking-prodshape";
    public const string ApplicationIdUri = "api://booking-api";
    public const string SmtpPasswordSecretName = "smtp-password";
    public const string SmsAuthSecretName = "sms-auth-header";

    public string ToBicepParam() => $"""
        using 'main.bicep'

        param environmentName = '{EnvironmentName}'
        param location = '{Booking.Tests.Shared.Infra.InfraWorkspace.Location}'
        param alertEmail = '{AlertEmail}'
        param authClientId = '{ApiClientId}'
        param authAudience = '{ApplicationIdUri}'
        param smtpHost = '127.0.0.1'
        param smtpPort = {SmtpPort}
        param smtpUserName = '{SmtpUserName}'
        param smtpFrom = '{SmtpFrom}'
        param smtpPasswordSecretName = '{SmtpPasswordSecretName}'
        param smsEndpoint = '{SmsEndpoint}'
        param smsAuthSecretName = '{SmsAuthSecretName}'

        """;
}
