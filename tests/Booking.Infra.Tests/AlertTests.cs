using System.Text.RegularExpressions;

namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed partial class AlertTests(CompiledInfra infra)
{
    private const string ActionGroupType = "Microsoft.Insights/actionGroups";
    private const string MetricAlertType = "Microsoft.Insights/metricAlerts";
    private const string LogAlertType = "Microsoft.Insights/scheduledQueryRules";

    public static TheoryData<string> LogAlerts => ["http-5xx", "function-failures", "partner-suspended", "messages-refused", "key-ring-failed"];

    [GeneratedRegex("""\[LoggerMessage\((?<arguments>[^\]]*)\)\]""")]
    private static partial Regex LoggerMessageAttribute();

    [GeneratedRegex(@"EventName\s*=\s*""(?<value>[^""]*)""|Message\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex LoggerMessageArgument();

    [GeneratedRegex(@"customDimensions\.EventName\) == ""(?<value>[^""]*)""")]
    private static partial Regex QueriedEventName();

    [GeneratedRegex(@"customDimensions\.OriginalFormat\) == ""(?<value>[^""]*)""")]
    private static partial Regex QueriedTemplate();

    private string ActionGroupId => infra.Dev.Only(ActionGroupType).StringAt("id")!;

    private static JsonElement Alert(DeploymentSnapshot snapshot, string type, string what) =>
        snapshot.OfType(type).SingleOrDefault(alert => alert.StringAt("name")!.StartsWith($"alert-{what}-", StringComparison.Ordinal)) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new Xunit.Sdk.XunitException($"No {type} named alert-{what}-<token>.");

    private JsonElement LogAlert(string what) => Alert(infra.Dev, LogAlertType, what);

    private static JsonElement Criterion(JsonElement alert) => Assert.Single(alert.ArrayAt("properties", "criteria", "allOf"));

    private static string Query(JsonElement alert) => Criterion(alert).StringAt("query")!;

    private static void AssertSplitsBy(JsonElement alert, string dimension)
    {
        var split = Assert.Single(Criterion(alert).ArrayAt("dimensions"));
        Assert.Equal(dimension, split.StringAt("name"));
        Assert.Equal("Include", split.StringAt("operator"));
        Assert.Equal(["*"], split.ArrayAt("values").Select(value => value.GetString()));
    }

    [Fact]
    public void ActionGroupEmailsTheAddressOfTheAlertEmailParameter()
    {
        var actionGroup = infra.Prod.Only(ActionGroupType);

        Assert.True(actionGroup.BoolAt("properties", "enabled"));
        var receiver = Assert.Single(actionGroup.ArrayAt("properties", "emailReceivers"));
        Assert.Equal(CompiledInfra.AlertEmail, receiver.StringAt("emailAddress"));
        Assert.True(receiver.BoolAt("useCommonAlertSchema"));
    }

    [Fact]
    public void ActionGroupHasNoEmailReceiverGivenNoAlertEmail() =>
        Assert.Empty(infra.WithPartners.Only(ActionGroupType).ArrayAt("properties", "emailReceivers"));

    [Fact]
    public void ProdParametersRefuseToBuildWithoutAlertEmail()
    {
        Assert.NotEqual(0, infra.ProdParametersWithoutAlertEmail.ExitCode);
        Assert.Contains("BOOKING_ALERT_EMAIL", infra.ProdParametersWithoutAlertEmail.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DeadLetterAlertFiresForEachServiceBusEntityHoldingAnyDeadLetter()
    {
        var alert = Alert(infra.Dev, MetricAlertType, "dead-letters");
        var criterion = Criterion(alert);

        Assert.True(alert.BoolAt("properties", "enabled"));
        Assert.Equal([infra.Dev.Only("Microsoft.ServiceBus/namespaces").StringAt("id")], alert.ArrayAt("properties", "scopes").Select(scope => scope.GetString()));
        Assert.Equal("Microsoft.ServiceBus/namespaces", criterion.StringAt("metricNamespace"));
        Assert.Equal("DeadletteredMessages", criterion.StringAt("metricName"));
        Assert.Equal("GreaterThan", criterion.StringAt("operator"));
        Assert.Equal(0, criterion.IntAt("threshold"));
        AssertSplitsBy(alert, "EntityName");
        Assert.Equal([ActionGroupId], alert.ArrayAt("properties", "actions").Select(action => action.StringAt("actionGroupId")));
    }

    [Theory]
    [MemberData(nameof(LogAlerts))]
    public void LogAlertIsEnabledOnApplicationInsightsAndNotifiesTheActionGroup(string what)
    {
        var alert = LogAlert(what);

        Assert.True(alert.BoolAt("properties", "enabled"));
        Assert.Equal("LogAlert", alert.StringAt("kind"));
        Assert.Equal([infra.Dev.Only("Microsoft.Insights/components").StringAt("id")], alert.ArrayAt("properties", "scopes").Select(scope => scope.GetString()));
        Assert.Equal([ActionGroupId], alert.ArrayAt("properties", "actions", "actionGroups").Select(group => group.GetString()));
        Assert.Equal("GreaterThan", Criterion(alert).StringAt("operator"));
    }

    [Fact]
    public void Http5xxAlertMeasuresTheShareOfHttpRequestsAnswered5xx()
    {
        var alert = LogAlert("http-5xx");
        var query = Query(alert);

        Assert.StartsWith("requests\n", query, StringComparison.Ordinal);
        Assert.Contains("isnotempty(url)", query, StringComparison.Ordinal);
        Assert.Contains("toint(resultCode) >= 500", query, StringComparison.Ordinal);
        Assert.Equal("failedPercent", Criterion(alert).StringAt("metricMeasureColumn"));
        Assert.Equal(5, Criterion(alert).IntAt("threshold"));
    }

    [Fact]
    public void FunctionFailuresAlertFiresPerFunctionOnAnyFailedInvocation()
    {
        var alert = LogAlert("function-failures");

        Assert.Contains("| where success == false", Query(alert), StringComparison.Ordinal);
        Assert.Contains("by FunctionName = operation_Name", Query(alert), StringComparison.Ordinal);
        Assert.Equal(0, Criterion(alert).IntAt("threshold"));
        AssertSplitsBy(alert, "FunctionName");
    }

    [Fact]
    public void PartnerSuspendedAlertMatchesTheLineTheBulkReadAlarmLogs()
    {
        var alert = LogAlert("partner-suspended");
        var template = QueriedTemplate().Match(Query(alert)).Groups["value"].Value;

        Assert.StartsWith("traces\n", Query(alert), StringComparison.Ordinal);
        Assert.Contains(template, LoggedMessages(Path.Combine(RepositoryPaths.Root, "src", "Booking.Application", "Partners", "BulkReadAlarm.cs")));
        Assert.Contains("{PartnerId}", template, StringComparison.Ordinal);
        AssertSplitsBy(alert, "PartnerId");
    }

    [Fact]
    public void MessagesRefusedAlertMatchesTheLineEveryConsumerLogsWhenItSettlesPoison()
    {
        var alert = LogAlert("messages-refused");
        var template = QueriedTemplate().Match(Query(alert)).Groups["value"].Value;

        Assert.StartsWith("traces\n", Query(alert), StringComparison.Ordinal);
        Assert.Contains(template, LoggedMessages(Path.Combine(RepositoryPaths.Root, "src", "Booking.Application", "Messaging", "MessageRefusals.cs")));
        AssertSplitsBy(alert, "Consumer");
    }

    [Fact]
    public void KeyRingAlertLooksInTracesAndExceptionsForTheKeyRingLoadFailure()
    {
        var alert = LogAlert("key-ring-failed");

        Assert.StartsWith("union traces, exceptions\n", Query(alert), StringComparison.Ordinal);
        Assert.Equal("KeyRingLoadFailed", QueriedEventName().Match(Query(alert)).Groups["value"].Value);
        Assert.Contains("{SecretName}", QueriedTemplate().Match(Query(alert)).Groups["value"].Value, StringComparison.Ordinal);
        Assert.Equal(0, alert.IntAt("properties", "severity"));
        AssertSplitsBy(alert, "SecretName");
    }

    // An event name means one line: wherever the app declares one an alert queries, the alert's template is its message.
    [Theory]
    [InlineData("partner-suspended")]
    [InlineData("messages-refused")]
    [InlineData("key-ring-failed")]
    public void LogAlertTemplateIsTheMessageOfEveryLogLineCarryingItsEventName(string what)
    {
        var query = Query(LogAlert(what));
        var eventName = QueriedEventName().Match(query).Groups["value"].Value;
        var template = QueriedTemplate().Match(query).Groups["value"].Value;

        var declared = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(LoggerMessages)
            .Where(line => line.EventName == eventName);

        Assert.NotEmpty(eventName);
        Assert.NotEmpty(declared);
        Assert.All(declared, line => Assert.Equal(template, line.Message));
    }

    private static IEnumerable<string?> LoggedMessages(string sourceFile) => LoggerMessages(sourceFile).Select(line => line.Message);

    private static IEnumerable<(string? EventName, string? Message)> LoggerMessages(string sourceFile) =>
        LoggerMessageAttribute().Matches(File.ReadAllText(sourceFile)).Select(attribute =>
        {
            var arguments = attribute.Groups["arguments"].Value;
            string? Argument(string name) => LoggerMessageArgument().Matches(arguments)
                .Where(argument => argument.Value.StartsWith(name, StringComparison.Ordinal))
                .Select(argument => argument.Groups["value"].Value)
                .FirstOrDefault();
            return (Argument("EventName"), Argument("Message"));
        });
}
