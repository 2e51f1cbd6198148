package dev.streamscope.app.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * A JMX connector on loopback only, without authentication: fine for a demo that only this machine's user can reach,
 * never for a real service. The RMI registry and the connector listen on ephemeral ports bound to 127.0.0.1; the
 * stubs they hand out name 127.0.0.1 as long as {@code java.rmi.server.hostname} says so, which the child sets first.
 */
final class LoopbackJmxServer implements AutoCloseable {

    private final Registry registry;
    private final JMXConnectorServer connector;
    private final int registryPort;

    private LoopbackJmxServer(Registry registry, JMXConnectorServer connector, int registryPort) {
        this.registry = registry;
        this.connector = connector;
        this.registryPort = registryPort;
    }

    static LoopbackJmxServer start(MBeanServer mbeans) throws IOException {
        LoopbackSockets sockets = new LoopbackSockets();
        Registry registry = LocateRegistry.createRegistry(0, null, sockets);
        int registryPort = sockets.lastPort();
        JMXServiceURL url = new JMXServiceURL(serviceUrl(registryPort));
        Map<String, Object> environment = Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(url, environment, mbeans);
        try {
            connector.start();
        } catch (IOException | RuntimeException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
        return new LoopbackJmxServer(registry, connector, registryPort);
    }

    static String serviceUrl(int registryPort) {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + registryPort + "/jmxrmi";
    }

    int registryPort() {
        return registryPort;
    }

    @Override
    public void close() {
        try {
            connector.stop();
        } catch (IOException ignored) {
            // the process is ending; an unclean stop costs nothing more than the sockets the OS closes anyway
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException ignored) {
            // already gone
        }
    }

    /**
     * Server sockets bound to 127.0.0.1. Remembers the port of the last socket it opened, since an RMI registry created
     * on port 0 has no other way to tell which port it got. Equal instances let RMI share one listening socket.
     */
    private static final class LoopbackSockets implements RMIServerSocketFactory {
        private volatile int lastPort;

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
            lastPort = socket.getLocalPort();
            return socket;
        }

        int lastPort() {
            return lastPort;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LoopbackSockets;
        }

        @Override
        public int hashCode() {
            return LoopbackSockets.class.hashCode();
        }
    }
}
