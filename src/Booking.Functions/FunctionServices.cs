using Booking.Application;
using Booking.Functions.Http;
using Booking.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Functions;

public static class FunctionServices
{
    /// <summary>
    /// Everything the functions need: the use cases, the adapters configuration picks (outside Development, only real
    /// services), and the HTTP pipeline.
    /// </summary>
    public static IServiceCollection AddBookingFunctions(this IServiceCollection services, IConfiguration configuration, string environmentName)
    {
        services.AddApplication(configuration);
        services.AddInfrastructure(configuration, environmentName);
        services.AddSingleton<HttpPipeline>();
        services.AddSingleton(DeclaredRoutes.OfFunctionApp);
        return services;
    }
}
