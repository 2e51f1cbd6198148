package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.jmx.transport.RegistryProbe.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.util.Optional;
import javax.management.remote.rmi.RMIConnection;
import javax.management.remote.rmi.RMIServer;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * Sends an SSL connector (agent with {@code jmxremote.ssl=true}) through the tunnel. Its stubs carry the JDK's
 * {@link SslRMIClientSocketFactory}, which connects wherever the stub names and bypasses RMI's process-wide factory,
 * so {@link TunnelRedirects} cannot reach them. That factory does no host name check (it opens
 * {@code SSLSocketFactory.getDefault()} sockets with the default trust store), so a copy of the stub whose factory
 * opens the same TLS over a socket to the tunnel is as safe as the original and ends at the same JVM.
 *
 * <p>The copy is made with public API: the stub is serialized (the JDK's {@code /stub/} JMX URLs do the same) and read
 * back with the factory object replaced. The connector hands out a second stub, the connection, from
 * {@link RMIServer#newClient}; {@link #server} wraps the server stub so that one is copied too.
 */
final class SslStubRedirect {

    private SslStubRedirect() {}

    /**
     * The server stub with its connections, and those of every connection it hands out, sent from {@code named} to
     * {@code destination}; empty when the stub's factory is not the JDK's SSL factory (we would not know what it does).
     */
    static Optional<RMIServer> server(RMIServer stub, Endpoint named, Endpoint destination) {
        RmiClientSockets.RedirectedSsl factory = RmiClientSockets.redirectedSsl(named, destination);
        return copyWith(stub, factory).map(copy -> new Redirected(copy, factory));
    }

    /** A copy of {@code stub} with {@code factory} in place of the JDK SSL factory; empty when it has none. */
    static <T extends Remote> Optional<T> copyWith(T stub, RmiClientSockets.RedirectedSsl factory) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(stub);
            }
            try (Replacing in = new Replacing(bytes.toByteArray(), factory)) {
                Object copy = in.readObject();
                if (!in.replaced || !stub.getClass().isInstance(copy)) {
                    return Optional.empty();
                }
                @SuppressWarnings("unchecked") // same class as the stub, checked above
                T typed = (T) copy;
                return Optional.of(typed);
            }
        } catch (IOException | ClassNotFoundException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Reads a stub back, swapping the JDK's SSL factory for ours. */
    private static final class Replacing extends ObjectInputStream {
        private final RmiClientSockets.RedirectedSsl factory;
        private boolean replaced;

        Replacing(byte[] bytes, RmiClientSockets.RedirectedSsl factory) throws IOException {
            super(new ByteArrayInputStream(bytes));
            this.factory = factory;
            setObjectInputFilter(Replacing::check);
            enableResolveObject(true);
        }

        /**
         * The guard's filter, which this stub passed when it arrived, plus what the copy adds: our factory, and the
         * superclass of a stub made as a dynamic proxy.
         */
        private static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
            Class<?> type = info.serialClass();
            if (type == RmiClientSockets.RedirectedSsl.class || type == Proxy.class) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            return SerializationGuard.filter().checkInput(info);
        }

        @Override
        protected Object resolveObject(Object read) {
            if (read != null && read.getClass() == SslRMIClientSocketFactory.class) {
                replaced = true;
                return factory;
            }
            return read;
        }
    }

    /** The server stub, copied; the connection each {@link #newClient} returns is copied the same way. */
    private static final class Redirected implements RMIServer {
        private final RMIServer stub;
        private final RmiClientSockets.RedirectedSsl factory;

        private Redirected(RMIServer stub, RmiClientSockets.RedirectedSsl factory) {
            this.stub = stub;
            this.factory = factory;
        }

        @Override
        public String getVersion() throws RemoteException {
            return stub.getVersion();
        }

        @Override
        public RMIConnection newClient(Object credentials) throws IOException {
            RMIConnection connection = stub.newClient(credentials);
            Optional<RMIConnection> copy = copyWith(connection, factory);
            if (copy.isEmpty()) {
                closeQuietly(connection);
                throw new IOException("The JMX connection stub of " + factory.named() + " could not be sent through "
                        + factory.destination() + ": it does not use the JDK's SSL socket factory.");
            }
            return copy.get();
        }

        private static void closeQuietly(RMIConnection connection) {
            try {
                connection.close();
            } catch (IOException | RuntimeException ignored) {
                // unusable from here anyway; the server drops it when its lease runs out
            }
        }
    }
}
