// Development: public endpoints (still Entra-only, no keys), the smallest instances, and a one-day
// access-log retention so a test environment can be torn down the next day.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'booking-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'francecentral')
param enablePrivateEndpoints = false
param functionInstanceMemoryMB = 512
param functionMaximumInstanceCount = 40
param accessLogImmutabilityDays = 1
param cosmosBackupRetentionInHours = 24
param keyVaultSoftDeleteRetentionInDays = 7
param logRetentionInDays = 30
// Alert emails are optional in development: without an address the alerts still fire in Azure Monitor.
param alertEmail = readEnvironmentVariable('BOOKING_ALERT_EMAIL', '')
// The API's app registration and the notification providers (docs/deploy.md, "Production checklist"). Left
// empty, the app refuses to start and says which setting is missing.
param authClientId = readEnvironmentVariable('BOOKING_AUTH_CLIENT_ID', '')
param smtpUserName = readEnvironmentVariable('BOOKING_SMTP_USERNAME', '')
param smtpFrom = readEnvironmentVariable('BOOKING_SMTP_FROM', '')
param smsEndpoint = readEnvironmentVariable('BOOKING_SMS_ENDPOINT', '')
param manageLinkTemplate = readEnvironmentVariable('BOOKING_MANAGE_LINK_TEMPLATE', '')
