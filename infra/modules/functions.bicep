// The Function App on Flex Consumption (Linux, .NET isolated worker). It runs as the user-assigned identity;
// its settings carry endpoints and that identity's client id, never a key or a connection secret.
param name string
param planName string
param location string
param tags object
param identityId string

@description('Identity the platform resolves the app settings\' Key Vault references with (the app has no system-assigned one).')
param keyVaultReferenceIdentityId string
param storageBlobEndpoint string
param deploymentContainerName string

@description('App settings (name -> value). Endpoints and identity only: the template\'s tests reject anything key-like.')
param appSettings object

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on scale-out, which also bounds cost.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Origins (scheme://host[:port]) of the browser apps that may call the API across origins; empty: none. The platform answers the preflights; no credentials (callers send bearer tokens, not cookies).')
param corsAllowedOrigins string[]

@description('Subnet for outbound VNet integration (empty: none). Needed when the data services only accept private endpoints.')
param virtualNetworkSubnetId string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    keyVaultReferenceIdentity: keyVaultReferenceIdentityId
    httpsOnly: true
    // The API is public by design (patients, practitioners and partners call it over the internet).
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
      appSettings: map(items(appSettings), setting => {
        name: setting.key
        value: setting.value
      })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployments authenticate with Entra ID (azd, az CLI): publishing user names and passwords stay off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output uri string = 'https://${app.properties.defaultHostName}'
