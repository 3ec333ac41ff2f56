// Private networking, deployed only when enablePrivateEndpoints is true: a VNet with one subnet for the
// Function App's outbound traffic (Flex Consumption VNet integration) and one for private endpoints, a
// private endpoint per data service, and the private DNS zones that make their usual host names resolve
// to those endpoints inside the VNet. The data services then turn public network access off.
param name string
param location string
param tags object
param privateEndpointPrefix string
param addressPrefix string
param appSubnetPrefix string
param privateEndpointSubnetPrefix string

param cosmosAccountId string
param serviceBusNamespaceId string
param keyVaultId string
param storageAccountId string
param accessLogStorageAccountId string

var storageSuffix = environment().suffixes.storage

// The private DNS zones, each linked to the VNet so the services' usual host names resolve to private addresses.
var zoneNames = [
  'privatelink.documents.azure.com'
  'privatelink.servicebus.windows.net'
  'privatelink.vaultcore.azure.net'
  'privatelink.blob.${storageSuffix}'
  'privatelink.queue.${storageSuffix}'
  'privatelink.table.${storageSuffix}'
]

// One entry per private endpoint: the target resource, its sub-resource (group id) and its zone in zoneNames.
var endpoints = [
  {
    name: 'cosmos'
    targetId: cosmosAccountId
    groupId: 'Sql'
    zoneIndex: 0
  }
  {
    name: 'servicebus'
    targetId: serviceBusNamespaceId
    groupId: 'namespace'
    zoneIndex: 1
  }
  {
    name: 'keyvault'
    targetId: keyVaultId
    groupId: 'vault'
    zoneIndex: 2
  }
  {
    name: 'storage-blob'
    targetId: storageAccountId
    groupId: 'blob'
    zoneIndex: 3
  }
  {
    name: 'storage-queue'
    targetId: storageAccountId
    groupId: 'queue'
    zoneIndex: 4
  }
  {
    name: 'storage-table'
    targetId: storageAccountId
    groupId: 'table'
    zoneIndex: 5
  }
  {
    name: 'accesslog-blob'
    targetId: accessLogStorageAccountId
    groupId: 'blob'
    zoneIndex: 3
  }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in zoneNames: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in zoneNames: {
    parent: zones[i]
    name: '${name}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-07-01' = [
  for endpoint in endpoints: {
    name: '${privateEndpointPrefix}${endpoint.name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: vnet.properties.subnets[1].id
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: {
            privateLinkServiceId: endpoint.targetId
            groupIds: [
              endpoint.groupId
            ]
          }
        }
      ]
    }
  }
]

resource dnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(zoneNames[endpoint.zoneIndex], '.', '-')
          properties: {
            privateDnsZoneId: zones[endpoint.zoneIndex].id
          }
        }
      ]
    }
    dependsOn: [
      zoneLinks
    ]
  }
]

output appSubnetId string = vnet.properties.subnets[0].id
output vnetName string = vnet.name
