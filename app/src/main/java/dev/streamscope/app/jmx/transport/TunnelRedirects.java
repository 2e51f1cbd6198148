package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.jmx.transport.RegistryProbe.Endpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process-wide table the RMI socket factory consults: connections to an endpoint a stub names go to the address
 * the user gave instead. It has to be process-wide because RMI gives a stub without its own factory the one
 * process-wide {@code RMISocketFactory}, and that factory sees only a host and a port.
 *
 * <p>So redirects are keyed by the endpoint the stub names: two targets whose stubs name the same host and port (two
 * pods that both say {@code 127.0.0.1:9010}) cannot both be redirected to different tunnels in one process. The second
 * is refused with a message instead of silently reaching the first one's JVM. Each open connection holds a lease; the
 * entry goes when the last lease is released.
 */
final class TunnelRedirects {

    private static final Map<Endpoint, Entry> ROUTES = new HashMap<>();

    private TunnelRedirects() {}

    /** Where a socket for {@code host:port} should really connect. */
    static synchronized Endpoint route(String host, int port) {
        Endpoint named = new Endpoint(host, port);
        Entry entry = ROUTES.get(named);
        return entry == null ? named : entry.destination;
    }

    /**
     * Sends {@code named} to {@code destination} until the lease is released.
     *
     * @return the lease, or empty when {@code named} is already sent elsewhere for another open connection
     */
    static synchronized Optional<Lease> redirect(Endpoint named, Endpoint destination) {
        Entry entry = ROUTES.get(named);
        if (entry != null && !entry.destination.equals(destination)) {
            return Optional.empty();
        }
        if (entry == null) {
            entry = new Entry(destination);
            ROUTES.put(named, entry);
        }
        entry.leases++;
        return Optional.of(new Lease(named));
    }

    /** Where {@code named} is sent now, if anywhere: for the message when a second target collides with it. */
    static synchronized Optional<Endpoint> destinationOf(Endpoint named) {
        Entry entry = ROUTES.get(named);
        return entry == null ? Optional.empty() : Optional.of(entry.destination);
    }

    private static synchronized void release(Endpoint named) {
        Entry entry = ROUTES.get(named);
        if (entry != null && --entry.leases == 0) {
            ROUTES.remove(named);
        }
    }

    private static final class Entry {
        private final Endpoint destination;
        private int leases;

        private Entry(Endpoint destination) {
            this.destination = destination;
        }
    }

    /** One connection's hold on a redirect; releasing it twice is harmless. */
    static final class Lease {
        private final Endpoint named;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Endpoint named) {
            this.named = named;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                TunnelRedirects.release(named);
            }
        }
    }
}
