// Parameters used by `azd up` (azd sets AZURE_ENV_NAME and AZURE_LOCATION) and by a plain
// `az deployment sub create ... --parameters infra/main.bicepparam`.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'booking')
param location = readEnvironmentVariable('AZURE_LOCATION', 'francecentral')
param authAudience = readEnvironmentVariable('BOOKING_AUTH_AUDIENCE', 'api://booking-api')
param enablePrivateEndpoints = bool(readEnvironmentVariable('BOOKING_ENABLE_PRIVATE_ENDPOINTS', 'false'))
param alertEmail = readEnvironmentVariable('BOOKING_ALERT_EMAIL', '')
