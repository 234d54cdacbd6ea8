using System.Net;
using System.Net.Sockets;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>The address the "server unreachable" tests dial: refused while the test holds it, and no other process can take it meanwhile.</summary>
public sealed class RefusingPortTests
{
    [Fact]
    public async Task Connect_WhileHeld_IsRefused()
    {
        using var nobody = new RefusingPort();
        using var client = new TcpClient();

        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, nobody.Port));

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void Listen_AnotherSocketWhileHeld_AddressInUse()
    {
        using var nobody = new RefusingPort();
        var squatter = new TcpListener(IPAddress.Loopback, nobody.Port);

        try
        {
            var taken = Assert.Throws<SocketException>(squatter.Start);
            Assert.Equal(SocketError.AddressAlreadyInUse, taken.SocketErrorCode);
        }
        finally
        {
            squatter.Stop();
        }
    }
}
