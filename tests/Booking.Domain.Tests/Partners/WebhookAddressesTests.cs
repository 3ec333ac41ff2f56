using System.Net;
using Booking.Domain.Partners;

namespace Booking.Domain.Tests.Partners;

public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("fec0::1", AddressKind.Private)] // deprecated site-local
    [InlineData("169.254.169.254", AddressKind.LinkLocal)] // cloud metadata
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.254", AddressKind.SharedAddressSpace)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("192.0.2.10", AddressKind.Reserved)] // documentation
    [InlineData("198.18.0.1", AddressKind.Reserved)] // benchmarking
    [InlineData("2001:db8::1", AddressKind.Reserved)] // documentation
    [InlineData("::7f00:1", AddressKind.Reserved)] // IPv4-compatible ::127.0.0.1
    public void ClassifiesAnAddressWebhooksMayNotReach(string address, AddressKind kind)
    {
        Assert.Equal(kind, WebhookAddresses.Classify(IPAddress.Parse(address)));
        Assert.False(WebhookAddresses.IsAllowed(kind, loopbackAllowed: false));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)] // IPv4-mapped
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::ffff:100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)] // NAT64 of 169.254.169.254
    [InlineData("2002:7f00:1::1", AddressKind.Loopback)] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1", AddressKind.Private)] // 6to4 of 192.168.1.1
    [InlineData("::ffff:8.8.8.8", AddressKind.Public)]
    public void ClassifiesAnIPv6FormOfAnIPv4AddressAsTheAddressItCarries(string address, AddressKind kind)
    {
        Assert.Equal(kind, WebhookAddresses.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4007:80c::200e")]
    public void AllowsAPublicAddress(string address)
    {
        var kind = WebhookAddresses.Classify(IPAddress.Parse(address));

        Assert.Equal(AddressKind.Public, kind);
        Assert.True(WebhookAddresses.IsAllowed(kind, loopbackAllowed: false));
    }

    [Fact]
    public void AllowsLoopbackOnlyGivenLoopbackAllowed()
    {
        Assert.True(WebhookAddresses.IsAllowed(AddressKind.Loopback, loopbackAllowed: true));
        Assert.False(WebhookAddresses.IsAllowed(AddressKind.Loopback, loopbackAllowed: false));
        Assert.False(WebhookAddresses.IsAllowed(AddressKind.Private, loopbackAllowed: true));
        Assert.False(WebhookAddresses.IsAllowed(AddressKind.LinkLocal, loopbackAllowed: true));
    }
}
