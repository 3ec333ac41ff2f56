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
/// <see cref="LeafKeyPemPath"/>. Revocation: the leaf names a CRL distribution point, an empty CRL signed by the root
/// and served over loopback HTTP while the CA lives, so clients that check revocation (MailKit does by default; .NET's
/// online check answers <c>RevocationStatusUnknown</c> for a leaf without a distribution point) accept it as they accept
/// a public CA's certificate. Each root has its own subject (<see cref="RootSubject"/> plus a unique OU), because .NET
/// caches downloaded CRLs on disk by issuer name. Leaves out: OCSP, intermediates.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    /// <summary>The start of every root's subject this class makes; roots left behind by a killed test run are swept by it.</summary>
    public const string RootSubject = "CN=Booking.StandIns test root CA, O=Booking tests";

    private readonly CrlServer _crl;

    private TestCertificateAuthority(X509Certificate2 root, X509Certificate2 leaf, string directory, CrlServer crl)
    {
        Root = root;
        Leaf = leaf;
        Directory = directory;
        _crl = crl;
    }

    /// <summary>Where the leaf's CRL is served (its CRL distribution point).</summary>
    public Uri CrlUri => _crl.Uri;

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
        var rootRequest = new CertificateRequest($"{RootSubject}, OU=run-{Guid.NewGuid():N}", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var rootWithKey = rootRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        var crl = CrlServer.Start(new CertificateRevocationListBuilder().Build(rootWithKey, System.Numerics.BigInteger.One, now.AddDays(2), HashAlgorithmName.SHA256));

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
        leafRequest.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crl.Uri.ToString()]));
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
            foreach (var stale in store.Certificates.Where(c => c.Subject.Contains("CN=Booking.StandIns test root CA", StringComparison.Ordinal)))
            {
                if (stale.NotAfter < now.UtcDateTime)
                {
                    store.Remove(stale);
                }
            }

            store.Add(root);
        }

        AwaitTrust(leaf);
        return new TestCertificateAuthority(root, leaf, directory, crl);
    }

    /// <summary>
    /// Waits until chain building sees the new root: .NET on Linux reads the CurrentUser Root store through a cache, and
    /// under load (test processes adding and removing roots at once) a client built at once was seen to fail with
    /// PartialChain.
    /// </summary>
    private static void AwaitTrust(X509Certificate2 leaf)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain.Build(leaf))
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException("The test root CA added to the CurrentUser Root store is not trusted after 10 s.");
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

        _crl.Dispose();
        Leaf.Dispose();
        Root.Dispose();
    }

    /// <summary>Serves one CRL over plain HTTP on a loopback port, as a CA publishes its CRL.</summary>
    private sealed class CrlServer : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly byte[] _crl;

        private CrlServer(HttpListener listener, Uri uri, byte[] crl)
        {
            _listener = listener;
            _crl = crl;
            Uri = uri;
            _ = ServeAsync();
        }

        public Uri Uri { get; }

        public static CrlServer Start(byte[] crl)
        {
            for (var attempt = 1; ; attempt++)
            {
                var port = Booking.Tests.Shared.TestPaths.FreeLoopbackPort();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    return new CrlServer(listener, new Uri($"http://127.0.0.1:{port}/{Guid.NewGuid():N}.crl"), crl);
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    listener.Close();
                }
            }
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var response = context.Response;
                response.ContentType = "application/pkix-crl";
                response.ContentLength64 = _crl.Length;
                await response.OutputStream.WriteAsync(_crl);
            }
        }
    }
}
