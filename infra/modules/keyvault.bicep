// Key Vault holding the key-encryption key (KEK) that wraps the per-patient data keys (crypto-shredding).
// RBAC authorization only (no access policies), soft delete with purge protection: a deleted KEK stays
// recoverable for the retention period and cannot be purged early, even by an owner.
//
// The KEK itself is created by a deployment script, never from a template value: see scripts/create-kek.sh.
param name string
param location string
param tags object
param publicNetworkAccess bool
param kekSecretName string
param scriptIdentityName string
param scriptName string

@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Changing this value re-runs the KEK script (which never overwrites an existing KEK). The default runs it on every deployment.')
param kekScriptRunTag string = utcNow()

// Management-plane secret read/write only: enough to create the KEK through Resource Manager, and nothing
// that can read a secret's value, change the vault, or grant access.
var kekWriterActions = [
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

resource kekWriterRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'kek-writer')
  properties: {
    roleName: 'Booking KEK writer ${uniqueString(resourceGroup().id)}'
    description: 'Creates the Booking key-encryption key secret through Azure Resource Manager during deployment.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: kekWriterActions
        notActions: []
      }
    ]
  }
}

resource kekWriterAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, scriptIdentity.id, kekWriterRole.id)
  properties: {
    principalId: scriptIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: kekWriterRole.id
  }
}

resource kekScript 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
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
    forceUpdateTag: kekScriptRunTag
    environmentVariables: [
      {
        name: 'VAULT_ID'
        value: vault.id
      }
      {
        name: 'SECRET_NAME'
        value: kekSecretName
      }
    ]
    scriptContent: loadTextContent('../scripts/create-kek.sh')
  }
  dependsOn: [
    kekWriterAssignment
  ]
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
output kekSecretName string = kekSecretName
