// Key Vault holding the key-encryption keys (KEKs, one secret per epoch: booking-kek-2026-12) that wrap the
// per-patient data keys (crypto-shredding), and the blind-index key.
// RBAC authorization only (no access policies), soft delete with purge protection: a deleted KEK stays
// recoverable for the retention period and cannot be purged early, even by an owner.
//
// No key is a template value. The blind-index key is created by a deployment script (scripts/create-key-secrets.sh);
// the KEKs by the app itself (Key Vault Secrets Officer, rbac.bicep): the current epoch's when it starts, each next
// one from its re-wrap timer, which also disables, deletes and tries to purge an epoch once no backup can need it.
param name string
param location string
param tags object
param publicNetworkAccess bool
param kekSecretNamePrefix string
param blindIndexSecretName string
param scriptIdentityName string
param scriptName string

@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Changing this value re-runs the key script (which never overwrites an existing secret). The default runs it on every deployment.')
param keyScriptRunTag string = utcNow()

// Management-plane secret read/write only: enough to create the keys through Resource Manager, and nothing
// that can read a secret's value, change the vault, or grant access.
var keyWriterActions = [
  'Microsoft.KeyVault/vaults/secrets/read'
  'Microsoft.KeyVault/vaults/secrets/write'
]

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
    }
  }
}

resource scriptIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: scriptIdentityName
  location: location
  tags: tags
}

resource keyWriterRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'key-secrets-writer')
  properties: {
    roleName: 'Booking key secrets writer ${uniqueString(resourceGroup().id)}'
    description: 'Creates the Booking blind-index key secret through Azure Resource Manager during deployment.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: keyWriterActions
        notActions: []
      }
    ]
  }
}

resource keyWriterAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, scriptIdentity.id, keyWriterRole.id)
  properties: {
    principalId: scriptIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: keyWriterRole.id
  }
}

resource keyScript 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: scriptName
  location: location
  tags: tags
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${scriptIdentity.id}': {}
    }
  }
  properties: {
    azCliVersion: '2.67.0'
    timeout: 'PT30M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'OnSuccess'
    forceUpdateTag: keyScriptRunTag
    environmentVariables: [
      {
        name: 'VAULT_ID'
        value: vault.id
      }
      {
        name: 'SECRET_NAMES'
        value: blindIndexSecretName
      }
    ]
    scriptContent: loadTextContent('../scripts/create-key-secrets.sh')
  }
  dependsOn: [
    keyWriterAssignment
  ]
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
output kekSecretNamePrefix string = kekSecretNamePrefix
output blindIndexSecretName string = blindIndexSecretName
