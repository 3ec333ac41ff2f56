using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Booking.StandIns.Tests;

public sealed class TestCertificateAuthorityTests
{
    [Fact]
    public async Task HttpClientAcceptsTheLeafWithoutCallbackGivenTheRootInTheCurrentUserRootStore()
    {
        using var ca = TestCertificateAuthority.Create();
        await using var server = await HelloServer.StartAsync(ca.Leaf);

        using var http = new HttpClient();
        var text = await http.GetStringAsync(server.Address);

        Assert.Equal("hello", text);
    }

    [Fact]
    public async Task SslStreamAcceptsTheLeafForTheLoopbackAddressAndLocalhost()
    {
        using var ca = TestCertificateAuthority.Create();
        await using var server = await HelloServer.StartAsync(ca.Leaf);

        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", server.Address.Port);
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host });
            Assert.True(tls.IsAuthenticated);
        }
    }

    [Fact]
    public async Task HttpClientRefusesTheLeafOnceTheAuthorityIsDisposed()
    {
        var ca = TestCertificateAuthority.Create();
        var leaf = X509CertificateLoader.LoadPkcs12(ca.Leaf.Export(X509ContentType.Pkcs12), null);
        ca.Dispose();
        await using var server = await HelloServer.StartAsync(leaf);

        using var http = new HttpClient();
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(server.Address));

        Assert.IsType<AuthenticationException>(failure.InnerException);
    }

    [Fact]
    public void WritesPemFilesForNodeServers()
    {
        using var ca = TestCertificateAuthority.Create();

        using var root = X509CertificateLoader.LoadCertificateFromFile(ca.RootPemPath);
        using var leaf = X509Certificate2.CreateFromPemFile(ca.LeafCertificatePemPath, ca.LeafKeyPemPath);

        Assert.Equal(ca.Root.Thumbprint, root.Thumbprint);
        Assert.Equal(ca.Leaf.Thumbprint, leaf.Thumbprint);
        Assert.True(leaf.HasPrivateKey);
    }

    private sealed class HelloServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private HelloServer(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<HelloServer> StartAsync(X509Certificate2 certificate)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
            var app = builder.Build();
            app.MapGet("/", () => "hello");
            await app.StartAsync();
            var port = new Uri(app.Urls.Single()).Port;
            return new HelloServer(app, new Uri($"https://127.0.0.1:{port}/"));
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
