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

// One entry per private endpoint: the target resource, its sub-resource (group id) and the DNS zone.
var endpoints = [
  {
    name: 'cosmos'
    targetId: cosmosAccountId
    groupId: 'Sql'
    zone: 'privatelink.documents.azure.com'
  }
  {
    name: 'servicebus'
    targetId: serviceBusNamespaceId
    groupId: 'namespace'
    zone: 'privatelink.servicebus.windows.net'
  }
  {
    name: 'keyvault'
    targetId: keyVaultId
    groupId: 'vault'
    zone: 'privatelink.vaultcore.azure.net'
  }
  {
    name: 'storage-blob'
    targetId: storageAccountId
    groupId: 'blob'
    zone: 'privatelink.blob.${storageSuffix}'
  }
  {
    name: 'storage-queue'
    targetId: storageAccountId
    groupId: 'queue'
    zone: 'privatelink.queue.${storageSuffix}'
  }
  {
    name: 'storage-table'
    targetId: storageAccountId
    groupId: 'table'
    zone: 'privatelink.table.${storageSuffix}'
  }
  {
    name: 'accesslog-blob'
    targetId: accessLogStorageAccountId
    groupId: 'blob'
    zone: 'privatelink.blob.${storageSuffix}'
  }
]

var zoneNames = union(map(endpoints, e => e.zone), [])

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
          name: replace(endpoint.zone, '.', '-')
          properties: {
            privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', endpoint.zone)
          }
        }
      ]
    }
    dependsOn: [
      zones
      zoneLinks
    ]
  }
]

output appSubnetId string = vnet.properties.subnets[0].id
output vnetName string = vnet.name
