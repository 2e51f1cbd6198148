package dev.streamscope.app.jmx.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code kubectl port-forward} and {@code ssh -L} do, on one machine: listens on a local port of 127.0.0.1 and
 * copies bytes both ways to and from a fixed destination. Tests put a JVM behind it whose JMX ports are not reachable
 * at 127.0.0.1 (it binds 127.0.0.2), so the only way in is through this forwarder, as through a tunnel.
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress destination;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean refusing;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TcpForwarder(ServerSocket listener, InetSocketAddress destination) {
        this.listener = listener;
        this.destination = destination;
        Thread acceptor = new Thread(this::accept, "forwarder " + listener.getLocalPort() + "->" + destination);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Forwards a free local port of 127.0.0.1 to {@code host:port}. */
    static TcpForwarder to(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        return new TcpForwarder(listener, new InetSocketAddress(host, port));
    }

    int localPort() {
        return listener.getLocalPort();
    }

    /** How many connections came through so far. */
    int connections() {
        return connections.get();
    }

    /**
     * Breaks the tunnel as a restarted {@code kubectl port-forward} or a dropped ssh session does: every connection
     * through it is cut, and new ones are hung up on until {@link #mend()}.
     */
    void breakTunnel() {
        refusing = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    void mend() {
        refusing = false;
    }

    private void accept() {
        try {
            while (true) {
                Socket inbound = listener.accept();
                connections.incrementAndGet();
                if (refusing) {
                    inbound.close(); // kubectl port-forward while its pod is gone: accepts, then hangs up
                    continue;
                }
                Socket outbound = new Socket();
                try {
                    outbound.connect(destination, 5_000);
                } catch (IOException unreachable) {
                    inbound.close(); // as a tunnel does when nothing listens at its far end
                    continue;
                }
                open.add(inbound);
                open.add(outbound);
                pump(inbound, outbound);
                pump(outbound, inbound);
            }
        } catch (IOException closed) {
            // the forwarder was closed
        }
    }

    private void pump(Socket from, Socket to) {
        Thread copier = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException broken) {
                        // one side hung up: so does the other
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "forward " + from.getPort() + "->" + to.getPort());
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }
}
