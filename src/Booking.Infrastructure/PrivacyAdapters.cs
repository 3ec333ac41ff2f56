using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Booking.Application.Privacy;
using Booking.Application.Retention;
using Booking.Infrastructure.AccessLog;
using Booking.Infrastructure.Crypto;
using Booking.Infrastructure.KeyVault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure;

/// <summary>
/// Picks the privacy adapters. <c>KeyVault:VaultUri</c> set → KEKs from Key Vault, else a key ring file
/// under the data directory. <c>AccessLog:BlobEndpoint</c> (managed identity) or <c>AccessLog:ConnectionString</c>
/// (Azurite) → append blobs, else append-only files under the data directory.
/// </summary>
internal static class PrivacyAdapters
{
    public static void Add(IServiceCollection services, IConfiguration configuration, string? dataDirectory)
    {
        services.AddSingleton<IFieldCipher, AesGcmFieldCipher>();
        services.AddHostedService<KeyRingStartupCheck>();

        if (!string.IsNullOrEmpty(configuration["KeyVault:VaultUri"]))
        {
            services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection("KeyVault"));
            services.AddSingleton(sp =>
            {
                var vaultUri = sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value.VaultUri!;
                // The client trusts a bearer challenge only from a resource whose domain the vault's host ends with, which
                // no loopback address can; a vault on this machine is a stand-in, and an Azure vault is never loopback.
                var options = new SecretClientOptions { DisableChallengeResourceVerification = vaultUri.IsLoopback };
                return new SecretClient(vaultUri, sp.GetRequiredService<TokenCredential>(), options);
            });
            services.AddSingleton<KeyVaultKeyRing>();
            services.AddSingleton<IKeyRing>(sp => sp.GetRequiredService<KeyVaultKeyRing>());
            services.AddSingleton<IKekEpochs>(sp => sp.GetRequiredService<KeyVaultKeyRing>());
        }
        else
        {
            // KeyRing:Directory lets several local hosts on one shared store (Cosmos) share one key ring, as Key Vault does in Azure.
            var keyRingDirectory = configuration["KeyRing:Directory"] ?? dataDirectory;
            services.AddSingleton(sp => keyRingDirectory is null
                ? new LocalKeyRing(sp.GetRequiredService<TimeProvider>())
                : new LocalKeyRing(keyRingDirectory, dataDirectory is not null && HoldsData(dataDirectory), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IKeyRing>(sp => sp.GetRequiredService<LocalKeyRing>());
            services.AddSingleton<IKekEpochs>(sp => sp.GetRequiredService<LocalKeyRing>());
        }

        services.AddOptions<BlobAccessLogOptions>().Bind(configuration.GetSection("AccessLog"));
        var blobEndpoint = configuration["AccessLog:BlobEndpoint"];
        var connectionString = configuration["AccessLog:ConnectionString"];
        if (!string.IsNullOrEmpty(blobEndpoint) || !string.IsNullOrEmpty(connectionString))
        {
            services.AddSingleton<IAccessLog>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<BlobAccessLogOptions>>().Value;
                var service = o.ConnectionString is { Length: > 0 } cs ? new BlobServiceClient(cs) : new BlobServiceClient(o.BlobEndpoint, sp.GetRequiredService<TokenCredential>());
                var container = service.GetBlobContainerClient(o.Container);
                container.CreateIfNotExists();
                return new BlobAccessLog(container);
            });
        }
        else
        {
            services.AddSingleton(_ => new FileAccessLog(dataDirectory));
            services.AddSingleton<IAccessLog>(sp => sp.GetRequiredService<FileAccessLog>());
            services.AddSingleton<IRetentionPurger, FileAccessLogRetention>();
        }
    }

    // Wrapped data keys in the embedded store were wrapped by this key ring: without it they are lost.
    private static bool HoldsData(string dataDirectory) =>
        Embedded.EmbeddedDatabase.HoldsDocuments(dataDirectory, Embedded.EmbeddedDocumentStore<WrappedDataKey>.CollectionName);
}
