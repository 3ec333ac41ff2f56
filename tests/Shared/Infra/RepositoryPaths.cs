namespace Booking.Tests.Shared.Infra;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>The app's configuration file: the one place queue, topic and container names are written.</summary>
    public static string AppSettings => Path.Combine(Root, "src", "Booking.Functions", "appsettings.json");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    private static string FindRoot()
    {
        var baked = BuildMetadata.Get("RepositoryRoot");
        if (baked is not null && File.Exists(Path.Combine(baked, "Functions.sln")))
        {
            return baked;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder holding Functions.sln).");
    }
}
