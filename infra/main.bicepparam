// Parameters used by `azd up` (azd sets AZURE_ENV_NAME and AZURE_LOCATION) and by a plain
// `az deployment sub create ... --parameters infra/main.bicepparam`.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'booking')
param location = readEnvironmentVariable('AZURE_LOCATION', 'francecentral')
param authAudience = readEnvironmentVariable('BOOKING_AUTH_AUDIENCE', 'api://booking-api')
param enablePrivateEndpoints = bool(readEnvironmentVariable('BOOKING_ENABLE_PRIVATE_ENDPOINTS', 'false'))
param alertEmail = readEnvironmentVariable('BOOKING_ALERT_EMAIL', '')
// The API's app registration and the notification providers (docs/deploy.md, "Production checklist"). Left
// empty, the app refuses to start and says which setting is missing.
param authClientId = readEnvironmentVariable('BOOKING_AUTH_CLIENT_ID', '')
param smtpUserName = readEnvironmentVariable('BOOKING_SMTP_USERNAME', '')
param smtpFrom = readEnvironmentVariable('BOOKING_SMTP_FROM', '')
param smsEndpoint = readEnvironmentVariable('BOOKING_SMS_ENDPOINT', '')
param manageLinkTemplate = readEnvironmentVariable('BOOKING_MANAGE_LINK_TEMPLATE', '')
