// Key Vault holding the key-encryption key (KEK) that wraps the per-patient data keys (crypto-shredding)
// and the blind-index key.
// RBAC authorization only (no access policies), soft delete with purge protection: a deleted KEK stays
// recoverable for the retention period and cannot be purged early, even by an owner.
//
// Both keys are created by a deployment script, never from a template value: see scripts/create-key-secrets.sh.
param name string
param location string
param tags object
param publicNetworkAccess bool
param kekSecretName string
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
    description: 'Creates the Booking key secrets (KEK, blind-index key) through Azure Resource Manager during deployment.'
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
        value: '${kekSecretName} ${blindIndexSecretName}'
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
output kekSecretName string = kekSecretName
output blindIndexSecretName string = blindIndexSecretName
