// Booking: the whole system in one subscription-scope deployment. It creates the resource group and
// orchestrates one module per concern. Every data service has local (key) auth disabled; the Function App
// reaches each through its user-assigned identity and the role assignments in modules/rbac.bicep.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Environment name (azd\'s AZURE_ENV_NAME): part of the resource group name, tags and the resource token.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('Resource group to create; empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('When true: a VNet, private endpoints for Cosmos DB, Service Bus, Key Vault and both storage accounts, public network access off on all of them, the Function App integrated in the VNet, and Service Bus on Premium (private endpoints need it).')
param enablePrivateEndpoints bool = false

@description('Flex Consumption instance memory, in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Flex Consumption scale-out limit.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Days each access-log entry is kept write-once (time-based retention on the access-log container).')
@minValue(1)
@maxValue(146000)
param accessLogImmutabilityDays int = 365

@description('Set to true after locking the access-log retention policy (a locked policy can only be extended, outside the template).')
param accessLogImmutabilityPolicyLocked bool = false

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param accessLogStorageSku string = 'Standard_LRS'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param runtimeStorageSku string = 'Standard_LRS'

@description('Prefix of the Key Vault secrets holding the key-encryption keys, one per epoch: booking-kek-2026-12. The app creates each (the first when it starts).')
param kekSecretNamePrefix string = 'booking-kek-'

@description('Months per KEK epoch: how often a new KEK takes over from the last. Part of the erasure bound for backups (docs/security.md).')
@minValue(1)
@maxValue(12)
param kekEpochMonths int = 1

@description('Hours each periodic Cosmos DB backup is kept. The app also retires a KEK epoch only this long after it stopped being used, so every backup still kept can be restored and read.')
@minValue(8)
@maxValue(720)
param cosmosBackupRetentionInHours int = 168

@description('Minutes between periodic Cosmos DB backups.')
@minValue(60)
@maxValue(1440)
param cosmosBackupIntervalInMinutes int = 240

@description('Name of the Key Vault secret holding the blind-index key (keys the lookup hashes of encrypted fields; never rotated).')
param blindIndexSecretName string = 'booking-blind-index-key'

@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Address that alert emails go to (a mailbox or distribution list of the operators); empty means alerts fire and show in Azure Monitor but email no one. main.prod.bicepparam requires it.')
param alertEmail string = ''

@description('Partner ids accepted by the partner-results subscription on the partner results topic (SQL filter on the partnerId application property); empty accepts any message that has a partnerId.')
param partnerResultsPartnerIds string[] = []

@description('How long a partner booking request waits on its queue before it expires, as an ISO 8601 duration. Expiry drops it (no dead-letter copy of a body that carries the patient\'s details in clear): a partner that hears nothing by then sends the request again under the same requestId.')
param partnerRequestTimeToLive string = 'PT1H'

@description('Origins (scheme://host[:port]) of other browser apps that may call the API from another origin, such as https://app.example.com. The web app\'s own origin (its Static Web App) is always allowed. The Functions host answers CORS from them (the local host reads Cors:AllowedOrigins instead).')
param corsAllowedOrigins string[] = []

@description('Region of the Static Web App that serves the web app (web/). Static Web Apps exist in these regions only; the files are served from a global edge whatever the region.')
@allowed([
  'westeurope'
  'centralus'
  'eastus2'
  'westus2'
  'eastasia'
])
param webAppLocation string = 'westeurope'


@description('Entra ID tenant that issues the callers\' tokens.')
param authTenantId string = tenant().tenantId

@description('Application ID URI of the API\'s Entra app registration: the audience of v1 access tokens.')
param authAudience string = 'api://booking-api'

@description('Client id of the API\'s Entra app registration: the audience of v2 access tokens (requestedAccessTokenVersion 2). Empty: only authAudience is accepted.')
param authClientId string = ''

@description('Claim that carries a practitioner\'s id in their token: a directory extension attribute emitted as an optional claim (docs/deploy.md).')
param authPractitionerIdClaim string = 'extn.practitionerId'

@description('SMTP relay for emails. Azure Communication Services Email relays SMTP at smtp.azurecomm.net:587 with STARTTLS.')
param smtpHost string = 'smtp.azurecomm.net'

@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP user name. For Azure Communication Services: <ACS resource name>.<Entra app client id>.<tenant id>. Empty: the app refuses to start.')
param smtpUserName string = ''

@description('Sender address of every email, e.g. "Booking <no-reply@example.org>" (a domain verified for the relay). Empty: the app refuses to start.')
param smtpFrom string = ''

@description('Name of the Key Vault secret holding the SMTP password (for ACS: the Entra app\'s client secret). The operator sets it; the app reads it as a Key Vault reference.')
param smtpPasswordSecretName string = 'smtp-password'

@description('The SMS provider\'s HTTP endpoint that takes { from, to, text } as JSON. Empty: the app refuses to start.')
param smsEndpoint string = ''

@description('Header carrying the SMS provider\'s credential.')
param smsAuthHeaderName string = 'Authorization'

@description('Name of the Key Vault secret holding that header\'s value. The operator sets it; the app reads it as a Key Vault reference.')
param smsAuthSecretName string = 'sms-auth-header'

@description('Sender name or number of every SMS.')
param smsSender string = 'Booking'

@description('Link in every notification; {token} is replaced by the appointment\'s manage-link token. Empty: the web app\'s manage page, https://<static web app host>/manage/{token}.')
param manageLinkTemplate string = ''

param vnetAddressPrefix string = '10.20.0.0/16'
param appSubnetPrefix string = '10.20.1.0/24'
param privateEndpointSubnetPrefix string = '10.20.2.0/24'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// Names the app reads from its configuration: one source for the code and the infrastructure.
var cosmosSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.Cosmos')
var serviceBusSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.ServiceBus')
var accessLogSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.AccessLog')
// Timer schedules are read by the Functions host itself (%Setting% in the trigger), which never sees the
// worker's appsettings.json: they must be app settings too.
var retentionSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.Retention')
var keyVaultSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.KeyVault')
var outboxSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.Outbox')
var reminderSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.Reminders')
var deadLetterSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.DeadLetters')
var waitlistSettings = loadJsonContent('../src/Booking.Functions/appsettings.json', '$.Waitlist')

// Reference data lives forever; every other container has TTL on and each item decides its own expiry.
var containersWithoutTtl = [
  'Practitioners'
  'Directory'
]
var cosmosContainers = map(items(cosmosSettings.Containers), container => {
  name: container.value
  ttlEnabled: !contains(containersWithoutTtl, container.key)
})

// Entra ID: the v2.0 authority's metadata gives the signing keys of both token versions. v2 access tokens carry
// the authority as issuer, v1 tokens the tenant's sts.windows.net issuer (public cloud).
var authAuthority = '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
var authV1Issuer = environment().name == 'AzureCloud' ? 'https://sts.windows.net/${authTenantId}/' : ''

// Secrets the app settings carry as Key Vault references: the platform resolves them with the app's identity.
func keyVaultReference(vaultName string, secretName string) string => '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

var publicNetworkAccess = !enablePrivateEndpoints
var functionAppName = '${abbrs.functionApp}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? '${abbrs.resourceGroup}${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.managedIdentity}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.logAnalyticsWorkspace}${resourceToken}'
    appInsightsName: '${abbrs.appInsights}${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.storageAccount}${resourceToken}'
    location: location
    tags: tags
    skuName: runtimeStorageSku
    deploymentContainerName: deploymentContainerName
    publicNetworkAccess: publicNetworkAccess
  }
}

module accessLog 'modules/accesslog.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.accessLogStorageAccount}${resourceToken}'
    location: location
    tags: tags
    skuName: accessLogStorageSku
    containerName: accessLogSettings.Container
    immutabilityDays: accessLogImmutabilityDays
    immutabilityPolicyLocked: accessLogImmutabilityPolicyLocked
    publicNetworkAccess: publicNetworkAccess
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.cosmosDbAccount}${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosSettings.DatabaseName
    containers: cosmosContainers
    publicNetworkAccess: publicNetworkAccess
    backupIntervalInMinutes: cosmosBackupIntervalInMinutes
    backupRetentionInHours: cosmosBackupRetentionInHours
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.serviceBusNamespace}${resourceToken}'
    location: location
    tags: tags
    skuName: enablePrivateEndpoints ? 'Premium' : 'Standard'
    publicNetworkAccess: publicNetworkAccess
    entities: {
      AppointmentEventsTopic: serviceBusSettings.AppointmentEventsTopic
      EmailConfirmationsSubscription: serviceBusSettings.EmailConfirmationsSubscription
      SmsConfirmationsSubscription: serviceBusSettings.SmsConfirmationsSubscription
      PartnerNotificationsSubscription: serviceBusSettings.PartnerNotificationsSubscription
      AvailabilitySummariesSubscription: serviceBusSettings.AvailabilitySummariesSubscription
      PartnerBookingRequestsQueue: serviceBusSettings.PartnerBookingRequestsQueue
      PartnerBookingResultsTopic: serviceBusSettings.PartnerBookingResultsTopic
      OperatorAlertsTopic: serviceBusSettings.OperatorAlertsTopic
    }
    partnerResultsSubscriptionName: 'partner-results'
    partnerResultsPartnerIds: partnerResultsPartnerIds
    partnerRequestTimeToLive: partnerRequestTimeToLive
    operatorsSubscriptionName: 'operators'
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.keyVault}${resourceToken}'
    location: location
    tags: tags
    kekSecretNamePrefix: kekSecretNamePrefix
    blindIndexSecretName: blindIndexSecretName
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    scriptIdentityName: '${abbrs.managedIdentity}keys-${resourceToken}'
    scriptName: '${abbrs.deploymentScript}keys-${resourceToken}'
    publicNetworkAccess: publicNetworkAccess
  }
}

module network 'modules/network.bicep' = if (enablePrivateEndpoints) {
  scope: rg
  params: {
    name: '${abbrs.virtualNetwork}${resourceToken}'
    location: location
    tags: tags
    privateEndpointPrefix: '${abbrs.privateEndpoint}${resourceToken}-'
    addressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    privateEndpointSubnetPrefix: privateEndpointSubnetPrefix
    cosmosAccountId: cosmos.outputs.id
    serviceBusNamespaceId: serviceBus.outputs.id
    keyVaultId: keyVault.outputs.id
    storageAccountId: storage.outputs.id
    accessLogStorageAccountId: accessLog.outputs.id
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: rg
  params: {
    actionGroupName: '${abbrs.actionGroup}${resourceToken}'
    alertNamePrefix: abbrs.alertRule
    alertNameSuffix: resourceToken
    location: location
    tags: tags
    alertEmail: alertEmail
    serviceBusNamespaceName: serviceBus.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module rbac 'modules/rbac.bicep' = {
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    cosmosAccountName: cosmos.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    storageAccountName: storage.outputs.name
    accessLogStorageAccountName: accessLog.outputs.name
    accessLogContainerName: accessLog.outputs.containerName
  }
}

module webApp 'modules/webapp.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.staticWebApp}${resourceToken}'
    location: webAppLocation
    tags: tags
  }
}

module functions 'modules/functions.bicep' = {
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.appServicePlan}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    keyVaultReferenceIdentityId: identity.outputs.id
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    virtualNetworkSubnetId: enablePrivateEndpoints ? network!.outputs.appSubnetId : ''
    // The web app calls the API from its own origin; other browser apps are added by the parameter.
    corsAllowedOrigins: union(['https://${webApp.outputs.defaultHostName}'], corsAllowedOrigins)
    // Endpoints and identity only. Each *__credential / *__clientId pair makes the Functions host and the
    // Azure SDK clients authenticate as the user-assigned identity.
    appSettings: {
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AZURE_CLIENT_ID: identity.outputs.clientId
      Storage__Provider: 'Cosmos'
      Cosmos__Endpoint: cosmos.outputs.endpoint
      ServiceBus__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identity.outputs.clientId
      KeyVault__VaultUri: keyVault.outputs.uri
      KeyVault__KekSecretNamePrefix: keyVault.outputs.kekSecretNamePrefix
      KeyVault__BlindIndexSecretName: keyVault.outputs.blindIndexSecretName
      AccessLog__BlobEndpoint: accessLog.outputs.blobEndpoint
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
      // Callers' tokens are checked against Entra ID's published keys: no signing key exists in Azure.
      Auth__Authority: authAuthority
      Auth__Issuers__0: authAuthority
      Auth__Issuers__1: authV1Issuer
      Auth__Audiences__0: authClientId
      Auth__Audiences__1: authAudience
      Auth__PractitionerIdClaim: authPractitionerIdClaim
      // Real providers; their secrets are Key Vault references, never values.
      Notifications__Smtp__Host: smtpHost
      Notifications__Smtp__Port: string(smtpPort)
      Notifications__Smtp__Security: 'StartTls'
      Notifications__Smtp__UserName: smtpUserName
      Notifications__Smtp__Password: keyVaultReference(keyVault.outputs.name, smtpPasswordSecretName)
      Notifications__Smtp__From: smtpFrom
      Notifications__Sms__Endpoint: smsEndpoint
      Notifications__Sms__AuthHeaderName: smsAuthHeaderName
      Notifications__Sms__AuthHeaderValue: keyVaultReference(keyVault.outputs.name, smsAuthSecretName)
      Notifications__Sms__Sender: smsSender
      // Notifications link to the web app's manage page unless the parameter names another.
      Notifications__ManageLinkTemplate: empty(manageLinkTemplate) ? 'https://${webApp.outputs.defaultHostName}/manage/{token}' : manageLinkTemplate
      Retention__PurgeSchedule: retentionSettings.PurgeSchedule
      KeyVault__RewrapSchedule: keyVaultSettings.RewrapSchedule
      // KEK epochs: an epoch no data key uses is retired once the backups that may hold its keys have expired.
      Privacy__KekEpochMonths: string(kekEpochMonths)
      Privacy__BackupRetentionHours: string(cosmosBackupRetentionInHours)
      Outbox__SweepSchedule: outboxSettings.SweepSchedule
      Reminders__Schedule: reminderSettings.Schedule
      DeadLetters__RedriveSchedule: deadLetterSettings.RedriveSchedule
      Waitlist__OfferSchedule: waitlistSettings.OfferSchedule
      // Offer links go to the web app's offer page, like manage links.
      Waitlist__OfferLinkTemplate: 'https://${webApp.outputs.defaultHostName}/offers/{token}'
      // Service Bus triggers name their queue, topic and subscription by %ServiceBus:...% too.
      ServiceBus__AppointmentEventsTopic: serviceBusSettings.AppointmentEventsTopic
      ServiceBus__EmailConfirmationsSubscription: serviceBusSettings.EmailConfirmationsSubscription
      ServiceBus__SmsConfirmationsSubscription: serviceBusSettings.SmsConfirmationsSubscription
      ServiceBus__PartnerNotificationsSubscription: serviceBusSettings.PartnerNotificationsSubscription
      ServiceBus__AvailabilitySummariesSubscription: serviceBusSettings.AvailabilitySummariesSubscription
      ServiceBus__PartnerBookingRequestsQueue: serviceBusSettings.PartnerBookingRequestsQueue
      ServiceBus__PartnerBookingResultsTopic: serviceBusSettings.PartnerBookingResultsTopic
      ServiceBus__OperatorAlertsTopic: serviceBusSettings.OperatorAlertsTopic
    }
  }
  dependsOn: [
    // Start the app only once it may use its storage, queues and vault.
    rbac
  ]
}

// Outputs for azd (stored in .azure/<env>/.env) and operators: names and endpoints, never a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output SERVICE_API_NAME string = functions.outputs.name
output SERVICE_API_URI string = functions.outputs.uri
output SERVICE_WEB_NAME string = webApp.outputs.name
output SERVICE_WEB_URI string = webApp.outputs.origin
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE_NAME string = cosmos.outputs.databaseName
output SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output BLIND_INDEX_SECRET_NAME string = keyVault.outputs.blindIndexSecretName
output ACCESS_LOG_BLOB_ENDPOINT string = accessLog.outputs.blobEndpoint
output ACCESS_LOG_CONTAINER_NAME string = accessLog.outputs.containerName
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
