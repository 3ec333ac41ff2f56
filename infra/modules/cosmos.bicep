// Cosmos DB for NoSQL, serverless. Keys are disabled (disableLocalAuth): the app reaches data with its
// identity through the data-plane role assignment in rbac.bicep, and nobody can mint a key-based connection.
param name string
param location string
param tags object
param databaseName string
param publicNetworkAccess bool

@description('Minutes between periodic backups.')
param backupIntervalInMinutes int

@description('Hours each periodic backup is kept (8 to 720). The app waits this long before retiring a KEK epoch (see main.bicep).')
param backupRetentionInHours int

@description('Containers to create. Every container is partitioned on /pk; ttlEnabled turns on per-item TTL (defaultTtl -1: nothing expires unless the item sets ttl).')
param containers containerSpec[]

@export()
type containerSpec = {
  name: string
  ttlEnabled: bool
}

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAclBypass: 'None'
    enableAutomaticFailover: false
    enableFreeTier: false
    // Periodic backups, kept backupRetentionInHours: a backup holds wrapped data keys of patients erased after it was
    // taken, readable until the KEK epoch that wrapped them is retired (docs/security.md, "Erasure and backups").
    backupPolicy: {
      type: 'Periodic'
      periodicModeProperties: {
        backupIntervalInMinutes: backupIntervalInMinutes
        backupRetentionIntervalInHours: backupRetentionInHours
        backupStorageRedundancy: 'Geo'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [
              '/pk'
            ]
            kind: 'Hash'
            version: 2
          }
        },
        container.ttlEnabled ? { defaultTtl: -1 } : {}
      )
    }
  }
]

output id string = account.id
output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
