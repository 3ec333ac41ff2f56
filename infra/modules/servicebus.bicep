// Service Bus: the appointment event fan-out, the partner request queue and result topic, operator alerts.
// SAS keys are disabled (disableLocalAuth): senders and receivers authenticate with Entra identities only.
param name string
param location string
param tags object
param publicNetworkAccess bool

@description('Standard unless private endpoints are wanted: Service Bus offers private endpoints on Premium only.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string

@description('Queue, topic and subscription names, as the app reads them from its configuration (ServiceBus section).')
param entities entityNames

@description('Name of the one subscription on the partner results topic.')
param partnerResultsSubscriptionName string

@description('Partner ids whose results the partner-results subscription accepts; empty accepts every message that carries a partnerId.')
param partnerResultsPartnerIds string[]

@description('Time-to-live of a partner booking request on its queue (ISO 8601 duration); an expired request is dropped, not dead-lettered.')
param partnerRequestTimeToLive string

@description('Name of the operators\' subscription on the operator alerts topic.')
param operatorsSubscriptionName string

@export()
type entityNames = {
  AppointmentEventsTopic: string
  EmailConfirmationsSubscription: string
  SmsConfirmationsSubscription: string
  PartnerNotificationsSubscription: string
  AvailabilitySummariesSubscription: string
  PartnerBookingRequestsQueue: string
  PartnerBookingResultsTopic: string
  OperatorAlertsTopic: string
}

var duplicateDetectionWindow = 'PT10M'
var messageTimeToLive = 'P14D'
var subscriptionMaxDeliveryCount = 10
var partnerRequestMaxDeliveryCount = 5

var quotedPartnerIds = map(partnerResultsPartnerIds, id => '\'${replace(id, '\'', '\'\'')}\'')
var partnerResultsFilter = empty(partnerResultsPartnerIds)
  ? 'EXISTS(partnerId)'
  : 'partnerId IN (${join(quotedPartnerIds, ', ')})'

var appointmentEventSubscriptions = [
  entities.EmailConfirmationsSubscription
  entities.SmsConfirmationsSubscription
  entities.PartnerNotificationsSubscription
  entities.AvailabilitySummariesSubscription
]

var subscriptionProperties = {
  maxDeliveryCount: subscriptionMaxDeliveryCount
  deadLetteringOnMessageExpiration: true
  deadLetteringOnFilterEvaluationExceptions: true
  lockDuration: 'PT1M'
  defaultMessageTimeToLive: messageTimeToLive
}

var topicProperties = {
  requiresDuplicateDetection: true
  duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
  defaultMessageTimeToLive: messageTimeToLive
  enableBatchedOperations: true
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: skuName == 'Premium'
    ? {
        name: 'Premium'
        tier: 'Premium'
        capacity: 1
      }
    : {
        name: 'Standard'
        tier: 'Standard'
      }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
  }
}

resource appointmentEvents 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: entities.AppointmentEventsTopic
  properties: topicProperties
}

resource appointmentEventSubscriptionResources 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscriptionName in appointmentEventSubscriptions: {
    parent: appointmentEvents
    name: subscriptionName
    properties: subscriptionProperties
  }
]

resource partnerBookingRequests 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: entities.PartnerBookingRequestsQueue
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    maxDeliveryCount: partnerRequestMaxDeliveryCount
    // A request's body carries the patient's details in clear (it is sealed only once handled): an unhandled one
    // expires after a short time and leaves no dead-letter copy. What MaxDeliveryCount dead-letters (a crash loop),
    // the redrive timer purges (docs/security.md, "Partners").
    deadLetteringOnMessageExpiration: false
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: partnerRequestTimeToLive
    enableBatchedOperations: true
  }
}

resource partnerBookingResults 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: entities.PartnerBookingResultsTopic
  properties: topicProperties
}

resource partnerResults 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: partnerBookingResults
  name: partnerResultsSubscriptionName
  properties: subscriptionProperties
}

// Replacing $Default (a TrueFilter) is what makes the filter bite: an added rule beside it would let everything through.
resource partnerResultsFilterRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: partnerResults
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: {
      sqlExpression: partnerResultsFilter
    }
  }
}

resource operatorAlerts 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: entities.OperatorAlertsTopic
  properties: topicProperties
}

resource operators 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: operatorAlerts
  name: operatorsSubscriptionName
  properties: subscriptionProperties
}

output id string = namespace.id
output name string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.<cloud suffix>:443/ ; the SDK wants the bare host name.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
