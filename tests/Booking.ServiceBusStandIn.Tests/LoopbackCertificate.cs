using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Booking.ServiceBusStandIn.Tests;

/// <summary>
/// A self-signed server certificate for localhost and 127.0.0.1, trusted for as long as this object lives by adding
/// it to the current user's Root store (on Linux, .NET's chain building trusts that store; nothing system-wide changes).
/// </summary>
internal sealed class LoopbackCertificate : IDisposable
{
    private LoopbackCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(PublicPart);
    }

    public X509Certificate2 Certificate { get; }

    private X509Certificate2 PublicPart => X509CertificateLoader.LoadCertificate(Certificate.RawData);

    public static LoopbackCertificate Create(params string[] dnsNames) => new(SelfSigned(dnsNames));

    /// <summary>The same kind of certificate, not trusted (the caller disposes it).</summary>
    public static X509Certificate2 CreateUntrusted() => SelfSigned("localhost");

    private static X509Certificate2 SelfSigned(params string[] dnsNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=servicebus-standin", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames.Length == 0 ? ["localhost"] : dnsNames)
        {
            names.AddDnsName(name);
        }

        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Re-import so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public void Dispose()
    {
        using (var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            store.Open(OpenFlags.ReadWrite);
            store.Remove(PublicPart);
        }

        Certificate.Dispose();
    }
}
