using Booking.Application;
using Booking.Functions;
using Booking.Functions.Http;
using Booking.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ResponseHeadersMiddleware>();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false);
builder.Configuration.AddEnvironmentVariables();
builder.Services.AddBookingFunctions(builder.Configuration, builder.Environment.EnvironmentName);
builder.Logging.AddBookingRedaction();
builder.Build().Run();
