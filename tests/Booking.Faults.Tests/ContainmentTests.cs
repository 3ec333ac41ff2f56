using System.Reflection;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.DevHost;
using Booking.Domain.Appointments;
using Booking.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Faults.Tests;

/// <summary>
/// Fault injection stays out of the product: no project under src/ holds a type in a <c>Faults</c> namespace or
/// references this project, and <c>Faults:Rate</c> alone changes nothing in the local host.
/// </summary>
public sealed class ContainmentTests
{
    private const string FaultsProject = "Booking.Faults";

    private static string Src => Path.Combine(TestPaths.RepositoryRoot, "src");

    /// <summary>Every project under src/ (a project folder's own .csproj, not those a build generates under obj/), relative to src/.</summary>
    public static TheoryData<string> ProductProjects() =>
        [.. Directory.GetDirectories(Src)
            .SelectMany(folder => Directory.GetFiles(folder, "*.csproj"))
            .Select(csproj => Path.GetRelativePath(Src, csproj))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void NoProductProjectReferencesFaultInjection(string project)
    {
        Assert.DoesNotContain(FaultsProject + ".csproj", File.ReadAllText(Path.Combine(Src, project)), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void NoProductAssemblyHoldsOrReferencesFaultInjection(string project)
    {
        var assembly = Load(Path.GetFileNameWithoutExtension(project));

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name == FaultsProject);
        Assert.Empty(assembly.GetTypes().Where(t => t.Namespace?.Split('.').Contains("Faults") == true).Select(t => t.FullName));
    }

    [Fact]
    public async Task TheLocalHostIgnoresFaultsRateUnlessFaultInjectionIsAdded()
    {
        var settings = new[] { "--Faults:Rate=1", "--Faults:Seed=5" };
        await using var product = Host(settings);
        await using var faulty = Host(settings, web => web.AddFaultInjection());

        Assert.IsNotAssignableFrom<FaultyDocumentStore<Appointment>>(product.Services.GetRequiredService<IDocumentStore<Appointment>>());
        Assert.IsNotType<FaultyMessageBus>(product.Services.GetRequiredService<IMessageBus>());
        Assert.Null(product.Services.GetService<FaultInjector>());
        Assert.IsAssignableFrom<FaultyDocumentStore<Appointment>>(faulty.Services.GetRequiredService<IDocumentStore<Appointment>>());
        Assert.IsType<FaultyMessageBus>(faulty.Services.GetRequiredService<IMessageBus>());
    }

    private static Assembly Load(string project)
    {
        try
        {
            return Assembly.Load(project);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException($"src/{project} is not loaded by these tests: reference it from Booking.Faults.Tests.csproj so it is checked.", e);
        }
    }

    private static TemporaryHost Host(string[] settings, Action<WebApplicationBuilder>? customize = null)
    {
        var data = Directory.CreateTempSubdirectory("booking-faults-tests-").FullName;
        var app = DevHostApp.Build(["--data-dir", data, "--no-seed", "--urls", "http://127.0.0.1:0", .. settings], customize);
        return new TemporaryHost(app, data);
    }

    /// <summary>A built host, never started, over its own data directory.</summary>
    private sealed class TemporaryHost(WebApplication app, string dataDirectory) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
