// Development: public endpoints (still Entra-only, no keys), the smallest instances, and a one-day
// access-log retention so a test environment can be torn down the next day.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'booking-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'francecentral')
param enablePrivateEndpoints = false
param functionInstanceMemoryMB = 512
param functionMaximumInstanceCount = 40
param accessLogImmutabilityDays = 1
param keyVaultSoftDeleteRetentionInDays = 7
param logRetentionInDays = 30
// Alert emails are optional in development: without an address the alerts still fire in Azure Monitor.
param alertEmail = readEnvironmentVariable('BOOKING_ALERT_EMAIL', '')
