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
param keyVaultSoftDeleteRetentionInDays = 90
param logRetentionInDays = 90
// No default: a production deployment stops here unless BOOKING_ALERT_EMAIL names who gets the alerts.
param alertEmail = readEnvironmentVariable('BOOKING_ALERT_EMAIL')
