using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Booking.StandIns;

/// <summary>
/// A certificate authority for the stand-ins' HTTPS: a root CA and one leaf for <c>127.0.0.1</c>, <c>::1</c> and
/// <c>localhost</c>, so clients validate TLS as they do in Azure, with no validation callback. <see cref="Create"/>
/// makes this process (and any process of the same user) trust the root by adding it to the CurrentUser Root store,
/// which .NET's chain building on Linux consults besides the system's OpenSSL store
/// (<c>~/.dotnet/corefx/cryptography/x509stores/root</c>); <see cref="Dispose"/> removes it. OpenSSL itself, and so
/// Node or curl, never reads that store: hand them <see cref="RootPemPath"/> (Node: <c>NODE_EXTRA_CA_CERTS</c>;
/// curl: <c>--cacert</c>). Servers written in Node take <see cref="LeafCertificatePemPath"/> and
/// <see cref="LeafKeyPemPath"/>. Leaves out: revocation (no CRL or OCSP: .NET's default online check finds no
/// distribution point and, as for a certificate without one, does not fail), intermediates.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    /// <summary>The subject of every root this class makes; roots left behind by a killed test run are swept by it.</summary>
    public const string RootSubject = "CN=Booking.StandIns test root CA, O=Booking tests";

    private TestCertificateAuthority(X509Certificate2 root, X509Certificate2 leaf, string directory)
    {
        Root = root;
        Leaf = leaf;
        Directory = directory;
    }

    /// <summary>The root, public part only (as trusted).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The server certificate with its private key, for Kestrel's <c>UseHttps</c>.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>A temporary folder holding the PEM files; deleted on dispose.</summary>
    public string Directory { get; }

    public string RootPemPath => Path.Combine(Directory, "root-ca.pem");

    public string LeafCertificatePemPath => Path.Combine(Directory, "leaf.pem");

    public string LeafKeyPemPath => Path.Combine(Directory, "leaf.key.pem");

    /// <summary>Makes a root and a leaf, writes the PEM files and trusts the root (CurrentUser Root store).</summary>
    public static TestCertificateAuthority Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest(RootSubject, rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var rootWithKey = rootRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(rootWithKey, true, false));
        leafRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leafRequest.PublicKey, false));
        using var leafPublic = leafRequest.Create(rootWithKey, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var leafWithKey = leafPublic.CopyWithPrivateKey(leafKey);

        // Through PKCS#12 so the key is a persisted one, as Kestrel wants on every platform.
        var leaf = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        var root = X509CertificateLoader.LoadCertificate(rootWithKey.Export(X509ContentType.Cert));

        var directory = System.IO.Directory.CreateTempSubdirectory("booking-standins-ca-").FullName;
        File.WriteAllText(Path.Combine(directory, "root-ca.pem"), root.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "leaf.pem"), leaf.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "leaf.key.pem"), leafKey.ExportPkcs8PrivateKeyPem());

        using (var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            store.Open(OpenFlags.ReadWrite);
            foreach (var stale in store.Certificates.Find(X509FindType.FindBySubjectDistinguishedName, RootSubject, false))
            {
                if (stale.NotAfter < now.UtcDateTime)
                {
                    store.Remove(stale);
                }
            }

            store.Add(root);
        }

        return new TestCertificateAuthority(root, leaf, directory);
    }

    public void Dispose()
    {
        using (var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            store.Open(OpenFlags.ReadWrite);
            store.Remove(Root);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A Node server still holding a file: the temp folder is swept by the OS.
        }

        Leaf.Dispose();
        Root.Dispose();
    }
}
