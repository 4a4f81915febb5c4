using System.Net;
using System.Net.Sockets;

namespace Baricitinib.Testing;

/// <summary>
/// A loopback TCP relay between a browser and the app: counts the bytes each way (what crosses the network, after the
/// live connection's compression), and can drop every open connection and refuse new ones for a while, as a
/// balancer restart or a lost network does. Used by the browser suite (dropped connections) and the page benchmark
/// (bytes on the wire).
/// </summary>
internal sealed class LoopbackRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly List<TcpClient> _parked = [];
    private long _toBrowser, _fromBrowser;
    private bool _down;

    public LoopbackRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    /// <summary>The relay's address: give it to the browser instead of the app's.</summary>
    public Uri Address { get; }

    public long ToBrowser => Interlocked.Read(ref _toBrowser);

    public long FromBrowser => Interlocked.Read(ref _fromBrowser);

    /// <summary>
    /// Closes every open connection; new ones are held, unanswered, until <see cref="Up"/> (as packets wait while a
    /// network is down), so a browser's reconnection goes through as soon as the network is back.
    /// </summary>
    public void Down()
    {
        lock (_gate)
        {
            _down = true;
            foreach (var client in _open)
            {
                client.Close();
            }

            _open.Clear();
        }
    }

    /// <summary>The network is back: held connections are relayed, and new ones too.</summary>
    public void Up()
    {
        List<TcpClient> held;
        lock (_gate)
        {
            _down = false;
            held = [.. _parked];
            _parked.Clear();
        }

        foreach (var browser in held)
        {
            _ = RelayAsync(browser);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_gate)
            {
                if (_down)
                {
                    _parked.Add(browser);
                    continue;
                }
            }

            _ = RelayAsync(browser);
        }
    }

    private async Task RelayAsync(TcpClient browser)
    {
        using (browser)
        using (var app = new TcpClient { NoDelay = true })
        {
            browser.NoDelay = true; // no Nagle delay added to the page's input-to-result time
            lock (_gate)
            {
                _open.Add(browser);
                _open.Add(app);
            }

            try
            {
                await app.ConnectAsync(_target.Host == "localhost" ? "127.0.0.1" : _target.Host, _target.Port);
                var up = CopyAsync(browser.GetStream(), app.GetStream(), n => Interlocked.Add(ref _fromBrowser, n));
                var down = CopyAsync(app.GetStream(), browser.GetStream(), n => Interlocked.Add(ref _toBrowser, n));
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // Dropped by Down(), or the app went away.
            }
            finally
            {
                lock (_gate)
                {
                    _open.Remove(browser);
                    _open.Remove(app);
                }
            }
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, Action<int> count)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                count(n);
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side closed.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Down();
        lock (_gate)
        {
            foreach (var client in _parked)
            {
                client.Close();
            }

            _parked.Clear();
        }

        _stop.Dispose();
    }
}
