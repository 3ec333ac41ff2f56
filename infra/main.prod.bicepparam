// Production: data services reachable only through private endpoints (Service Bus moves to Premium for
// that), zone-redundant storage, and six years of write-once access log.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'booking-prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'francecentral')
param enablePrivateEndpoints = true
param functionInstanceMemoryMB = 2048
param functionMaximumInstanceCount = 200
param accessLogImmutabilityDays = 2190
param accessLogStorageSku = 'Standard_GZRS'
param runtimeStorageSku = 'Standard_ZRS'
param cosmosBackupRetentionInHours = 720
param keyVaultSoftDeleteRetentionInDays = 90
param logRetentionInDays = 90
// No default: a production deployment stops here unless BOOKING_ALERT_EMAIL names who gets the alerts.
param alertEmail = readEnvironmentVariable('BOOKING_ALERT_EMAIL')
// The API's app registration and the notification providers (docs/deploy.md, "Production checklist"). Left
// empty, the app refuses to start and says which setting is missing.
param authClientId = readEnvironmentVariable('BOOKING_AUTH_CLIENT_ID', '')
param smtpUserName = readEnvironmentVariable('BOOKING_SMTP_USERNAME', '')
param smtpFrom = readEnvironmentVariable('BOOKING_SMTP_FROM', '')
param smsEndpoint = readEnvironmentVariable('BOOKING_SMS_ENDPOINT', '')
param manageLinkTemplate = readEnvironmentVariable('BOOKING_MANAGE_LINK_TEMPLATE', '')
