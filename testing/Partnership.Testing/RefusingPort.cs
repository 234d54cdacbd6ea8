using System.Net;
using System.Net.Sockets;

namespace Partnership.Testing;

/// <summary>
/// A loopback port where nothing answers, for as long as this lives. A port taken from the OS and
/// released again is free for any other process to bind before the test dials it; and a listener
/// held open would accept the connection. A socket bound but never listening keeps the port ours,
/// and Linux refuses every connection to it.
/// </summary>
/// <remarks>
/// .NET binds TCP sockets with SO_REUSEADDR on Unix, and Linux lets a second such socket bind a port
/// whose holder is not listening; so the option is cleared once bound, and any bind to it then fails.
/// </remarks>
public sealed class RefusingPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>http://127.0.0.1:port, the address of a server that is not there.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    public void Dispose() => _socket.Dispose();
}
