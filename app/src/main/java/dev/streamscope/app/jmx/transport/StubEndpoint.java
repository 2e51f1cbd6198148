package dev.streamscope.app.jmx.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.rmi.Remote;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteRef;
import java.util.Optional;

/**
 * Where an RMI stub will connect: the host and port its server named when it exported the object
 * ({@code java.rmi.server.hostname}, or the server's own address), and whether it brings its own client socket
 * factory (the agent's {@code jmxremote.ssl=true} does).
 *
 * <p>Read through public API only: a stub's {@link RemoteRef} writes itself in JRMP's wire format, which every JVM
 * must keep to talk to older ones ({@code UnicastRef}: host, port; {@code UnicastRef2}: a format byte, host, port,
 * then the factory when the format byte says there is one).
 *
 * @param ownFactory whether connections use a factory the stub carries instead of the process-wide one
 */
record StubEndpoint(String host, int port, boolean ownFactory) {

    private static final int FORMAT_HOST_PORT_FACTORY = 1;

    /** The endpoint {@code stub} names; empty for a stub whose reference is not the JDK's unicast kind. */
    static Optional<StubEndpoint> of(Remote stub) {
        RemoteRef ref = reference(stub);
        if (ref == null) {
            return Optional.empty();
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String kind;
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                kind = ref.getRefClass(out);
                ref.writeExternal(out);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                in.setObjectInputFilter(SerializationGuard.filter());
                if ("UnicastRef".equals(kind)) {
                    return Optional.of(new StubEndpoint(in.readUTF(), in.readInt(), false));
                }
                if ("UnicastRef2".equals(kind)) {
                    int format = in.readByte();
                    return Optional.of(
                            new StubEndpoint(in.readUTF(), in.readInt(), format == FORMAT_HOST_PORT_FACTORY));
                }
                return Optional.empty();
            }
        } catch (IOException | RuntimeException unreadable) {
            // an unknown reference kind: connect as the stub says, without a redirect
            return Optional.empty();
        }
    }

    private static RemoteRef reference(Remote stub) {
        if (stub instanceof RemoteObject remote) {
            return remote.getRef();
        }
        if (Proxy.isProxyClass(stub.getClass()) && Proxy.getInvocationHandler(stub) instanceof RemoteObject handler) {
            return handler.getRef();
        }
        return null;
    }

    RegistryProbe.Endpoint endpoint() {
        return new RegistryProbe.Endpoint(host, port);
    }

    @Override
    public String toString() {
        return endpoint().toString();
    }
}
