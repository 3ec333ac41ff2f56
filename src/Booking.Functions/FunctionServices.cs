using Booking.Application;
using Booking.Functions.Http;
using Booking.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Functions;

public static class FunctionServices
{
    /// <summary>Everything the functions need: the use cases, the adapters configuration picks, and the HTTP pipeline.</summary>
    public static IServiceCollection AddBookingFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplication(configuration);
        services.AddInfrastructure(configuration);
        services.AddSingleton<HttpPipeline>();
        return services;
    }
}
