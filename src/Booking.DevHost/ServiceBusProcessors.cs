using Azure.Messaging.ServiceBus;

namespace Booking.DevHost;

/// <summary>
/// When the local host is pointed at a real Service Bus (Azure, or the official emulator), the same functions are
/// driven by Service Bus processors instead of the embedded bus: one per function, entity names from settings, each on
/// the client of its trigger's connection (<see cref="ServiceBusConnections"/>), as the Functions host connects them.
/// </summary>
public sealed partial class ServiceBusProcessors(
    FunctionCatalog catalog, ServiceBusConnections connections, ServiceBusDispatcher dispatcher, IConfiguration configuration, ILogger<ServiceBusProcessors> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly List<ServiceBusProcessor> _processors = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var function in catalog.ServiceBus)
        {
            var entity = Settings.Resolve(configuration, function.Entity);
            var options = new ServiceBusProcessorOptions { AutoCompleteMessages = false, MaxConcurrentCalls = 8 };
            var client = connections.For(function);
            var processor = function.Subscription is null
                ? client.CreateProcessor(entity, options)
                : client.CreateProcessor(entity, Settings.Resolve(configuration, function.Subscription), options);
            processor.ProcessMessageAsync += args => dispatcher.DispatchAsync(function, args);
            processor.ProcessErrorAsync += args =>
            {
                LogError(function.Name, args.ErrorSource.ToString(), args.Exception.GetType().Name);
                return Task.CompletedTask;
            };
            _processors.Add(processor);
            await processor.StartProcessingAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var processor in _processors)
        {
            await processor.StopProcessingAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var processor in _processors)
        {
            await processor.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus processor of {Function} reported {Source} error {ExceptionType}")]
    private partial void LogError(string function, string source, string exceptionType);
}
