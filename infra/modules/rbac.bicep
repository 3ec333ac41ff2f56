// Every permission the app's identity holds, each on the narrowest scope that works. Data-plane roles only:
// the identity can use the data services but cannot manage them through Resource Manager or read their keys
// (which are disabled anyway). Service Bus is the one data plane where it holds Manage (see below).
param principalId string
param cosmosAccountName string
param serviceBusNamespaceName string
param keyVaultName string
param appInsightsName string
param storageAccountName string
param accessLogStorageAccountName string
param accessLogContainerName string

// Built-in role definition ids (the same in every tenant).
var roles = {
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// Cosmos DB data-plane role "Cosmos DB Built-in Data Contributor": read and write items, no account management.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// The Functions host keeps leases, timers and deployment packages in its storage account.
var runtimeStorageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' existing = {
  name: cosmosAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource accessLogStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: accessLogStorageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource container 'containers' existing = {
      name: accessLogContainerName
    }
  }
}

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, principalId, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: resourceId(
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions',
      cosmos.name,
      cosmosDataContributorRoleId
    )
    principalId: principalId
    scope: cosmos.id
  }
}

// Data Owner, not Sender + Receiver: on Flex Consumption the scale controller reads each triggering queue's and
// subscription's message counts as the trigger connection's identity (this one), and that needs the Manage right,
// which only Data Owner carries; the Functions docs grant it for Service Bus triggers. Data Owner holds every
// Service Bus data action (send and receive included), so Sender and Receiver beside it would grant nothing more
// and would only suggest a limit that isn't there. The cost: Manage also lets the identity create and delete
// queues, topics and subscriptions through the data plane. It still has no Resource Manager rights and no keys.
resource serviceBusDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: serviceBus
  name: guid(serviceBus.id, principalId, roles.serviceBusDataOwner)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
  }
}

// Secrets Officer, not Secrets User: the app creates each KEK epoch's secret and retires old ones (disable, delete,
// purge), and Officer is the only built-in data role short of Administrator that may set, delete and purge secrets.
// The cost: the identity could also overwrite or delete the other secrets of this vault (the blind-index key, the
// provider secrets); purge protection keeps any deletion recoverable by an operator for the soft-delete retention.
// It still cannot manage the vault or grant access.
resource keyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, principalId, roles.keyVaultSecretsOfficer)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource runtimeStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in runtimeStorageRoles: {
    scope: storage
    name: guid(storage.id, principalId, roleId)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

// Write access to the access-log container only; its immutability policy still forbids changing or deleting entries.
resource accessLogWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: accessLogStorage::blobService::container
  name: guid(accessLogStorage::blobService::container.id, principalId, roles.storageBlobDataContributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}
