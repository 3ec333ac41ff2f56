// What tells an operator that something is wrong: one action group (email) and the alert rules that notify it.
// Service Bus dead letters come from the namespace's platform metrics; everything else from scheduled query rules
// on Application Insights (requests from the Functions host, traces from the app), which see the same data on Flex
// Consumption as on any plan, whichever site metrics (Http5xx, ...) the plan emits. Every rule is stateful
// (autoMitigate): one email when it fires, one when it resolves.
param actionGroupName string

@description('Alert rule names: <prefix><what>-<suffix>, e.g. alert-dead-letters-<token>.')
param alertNamePrefix string
param alertNameSuffix string
param location string
param tags object

@description('Address the action group emails; empty means an action group without receivers (alerts still fire and show in Azure Monitor → Alerts).')
param alertEmail string

param serviceBusNamespaceName string
param appInsightsName string

// The log lines the app writes, as its [LoggerMessage] attributes spell them. Application Insights keeps a
// message's template as customDimensions.OriginalFormat and its event name as customDimensions.EventName, so a
// query on either survives any change to the values logged.
var bulkReadSuspension = {
  eventName: 'PartnerSuspendedByBulkReadAlarm'
  template: 'Partner {PartnerId} suspended: {Count} distinct appointments read within an hour (threshold {Threshold})'
}
var messageRefusal = {
  eventName: 'MessageRefused'
  template: '{Consumer} refused message {MessageId}: {Reason}'
}
var keyRingLoadFailure = {
  eventName: 'KeyRingLoadFailed'
  template: 'Key ring failed to load from Key Vault secret {SecretName}: {ExceptionType}'
}

// KQL condition matching one of those lines (neither holds a double quote).
func loggedAs(line { eventName: string, template: string }) string =>
  'tostring(customDimensions.EventName) == "${line.eventName}" or tostring(customDimensions.OriginalFormat) == "${line.template}"'

// A 5xx rate means something only over enough requests: below this many in the window, the rule stays quiet
// (a lone failed request still shows in the function failures or the app's own logs).
var http5xxMinimumRequests = 20
var http5xxPercentThreshold = 5

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'booking'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// Service Bus reports dead letters per queue or topic (EntityName); a subscription's count is in its topic's.
// '*' splits the rule so each entity alerts (and resolves) on its own.
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${alertNamePrefix}dead-letters-${alertNameSuffix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'A Service Bus queue or topic subscription holds dead-lettered messages. See docs/operations.md, "Alerts".'
    severity: 2
    enabled: true
    scopes: [
      serviceBus.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    targetResourceType: 'Microsoft.ServiceBus/namespaces'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadLetteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

var logAlerts = [
  {
    name: 'http-5xx'
    displayName: 'Booking API: 5xx responses above ${http5xxPercentThreshold}%'
    description: 'More than ${http5xxPercentThreshold}% of the API\'s HTTP requests answered 5xx (500: unexpected error, 503: store unavailable) in 15 minutes. See docs/operations.md, "Alerts".'
    severity: 1
    windowSize: 'PT15M'
    // HTTP invocations only: timer and Service Bus runs have no URL (and result code 0).
    query: join(
      [
        'requests'
        '| where isnotempty(url)'
        '| summarize total = sum(itemCount), failed = sumif(itemCount, toint(resultCode) >= 500)'
        '| where total >= ${http5xxMinimumRequests}'
        '| project failedPercent = 100.0 * failed / total'
      ],
      '\n'
    )
    measure: 'failedPercent'
    threshold: http5xxPercentThreshold
    dimensions: []
  }
  {
    name: 'function-failures'
    displayName: 'Booking: function invocations failed'
    description: 'A function threw: a Service Bus trigger (its message is redelivered, then dead-lettered) or a timer. HTTP functions answer 5xx instead (see the 5xx alert). See docs/operations.md, "Alerts".'
    severity: 2
    windowSize: 'PT15M'
    query: join(
      [
        'requests'
        '| where success == false'
        '| summarize failures = sum(itemCount) by FunctionName = operation_Name'
      ],
      '\n'
    )
    measure: 'failures'
    threshold: 0
    dimensions: [
      {
        name: 'FunctionName'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
  }
  {
    name: 'partner-suspended'
    displayName: 'Booking: partner suspended by the bulk-read alarm'
    description: 'A partner read more distinct appointments in an hour than Partners:BulkReadAlarmThreshold and was suspended. Possible breach: follow docs/operations.md from "1. Detect".'
    severity: 1
    windowSize: 'PT10M'
    query: join(
      [
        'traces'
        '| where ${loggedAs(bulkReadSuspension)}'
        '| summarize suspensions = sum(itemCount) by PartnerId = tostring(customDimensions.PartnerId)'
      ],
      '\n'
    )
    measure: 'suspensions'
    threshold: 0
    dimensions: [
      {
        name: 'PartnerId'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
  }
  {
    name: 'messages-refused'
    displayName: 'Booking: messages refused by a consumer'
    description: 'A Service Bus consumer settled a message that can never succeed (not an event, a bad partner signature, an invalid partner request). The details are a MessageRefused alert on the operator-alerts topic. See docs/operations.md, "Alerts".'
    severity: 3
    windowSize: 'PT15M'
    query: join(
      [
        'traces'
        '| where ${loggedAs(messageRefusal)}'
        '| summarize refusals = sum(itemCount) by Consumer = tostring(customDimensions.Consumer)'
      ],
      '\n'
    )
    measure: 'refusals'
    threshold: 0
    dimensions: [
      {
        name: 'Consumer'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
  }
  {
    name: 'key-ring-failed'
    displayName: 'Booking: key-encryption key failed to load'
    description: 'The app could not load its KEK or blind-index key from Key Vault: it does not start, or (on a refresh) cannot seal or open personal data. See docs/operations.md, "Alerts".'
    severity: 0
    windowSize: 'PT10M'
    // Logged with the exception attached, the line lands in exceptions instead of traces: look in both.
    query: join(
      [
        'union traces, exceptions'
        '| where ${loggedAs(keyRingLoadFailure)}'
        '| summarize failures = sum(itemCount) by SecretName = tostring(customDimensions.SecretName)'
      ],
      '\n'
    )
    measure: 'failures'
    threshold: 0
    dimensions: [
      {
        name: 'SecretName'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: {
    name: '${alertNamePrefix}${alert.name}-${alertNameSuffix}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: alert.displayName
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        appInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: alert.windowSize
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: alert.measure
            dimensions: alert.dimensions
            operator: 'GreaterThan'
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupName string = actionGroup.name
