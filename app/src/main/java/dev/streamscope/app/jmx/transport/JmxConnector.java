package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;

/** Establishes JMX connections: registry lookup, RMI handshake and authentication, all under the connect deadline. */
public final class JmxConnector {

    /** JNDI environment key for the socket factory the RMI registry lookup uses. */
    static final String REGISTRY_SOCKET_FACTORY = "com.sun.jndi.rmi.factory.socket";

    /** How long the server may hold a notification fetch when nothing happens; below the socket read timeout. */
    static final String NOTIFICATION_FETCH_TIMEOUT = "jmx.remote.x.notification.fetch.timeout";

    private JmxConnector() {}

    /**
     * Connects to {@code target} and authenticates, waiting at most {@code timeouts.connect()}. Installs the
     * {@link SerializationGuard} and the timed RMI sockets first (both idempotent).
     *
     * <p>The returned {@link OpenedJmx#server()} counts the bytes of every call it makes on {@link OpenedJmx#meter()},
     * whatever thread calls it; use it rather than {@code connector().getMBeanServerConnection()}.
     *
     * @throws TargetProblem saying what went wrong and what to do next, see {@link JmxFailures#classify}; of kind
     *     {@link TargetProblem.Kind#CANCELLED} when the calling thread was interrupted
     */
    public static OpenedJmx open(JmxTarget target, Timeouts timeouts) throws TargetProblem {
        SerializationGuard.install();
        RmiClientSockets.install();
        WireCounter meter = new WireCounter();
        Map<String, Object> environment = environment(target);
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.newJMXConnector(target.url(), environment);
        } catch (IOException | RuntimeException e) {
            throw JmxFailures.classify(e, target);
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        try (CallDeadline io = new CallDeadline("jmx-connect")) {
            io.run(
                    timeouts.connect(),
                    () -> RmiClientSockets.metered(meter, () -> {
                        probeRegistry(target, timeouts.connect());
                        connector.connect(environment);
                        // the caller gave up while we were connecting: nobody will ever close this connection
                        if (abandoned.get()) {
                            closeQuietly(connector);
                        }
                        return null;
                    }));
        } catch (TimeoutException e) {
            abandoned.set(true);
            closeInBackground(connector);
            throw JmxFailures.timeout(target, timeouts.connect());
        } catch (ExecutionException e) {
            closeInBackground(connector);
            throw JmxFailures.classify(e.getCause(), target);
        } catch (InterruptedException e) {
            abandoned.set(true);
            closeInBackground(connector);
            Thread.currentThread().interrupt();
            throw new TargetProblem(
                    TargetProblem.Kind.CANCELLED, "Connecting to " + target.address() + " was cancelled.");
        }
        MBeanServerConnection server;
        try {
            // RMIConnector hands out a local wrapper here: no remote call
            server = connector.getMBeanServerConnection();
        } catch (IOException e) {
            closeInBackground(connector);
            throw JmxFailures.classify(e, target);
        }
        return new OpenedJmx(target, connector, MeteredServerConnection.wrap(server, meter), meter);
    }

    /**
     * A plaintext registry is probed first, so that an SSL registry or an HTTP server on the port is named as such
     * instead of surfacing as a vague RMI error or a timeout. An SSL registry needs no probe: TLS says what is wrong.
     */
    private static void probeRegistry(JmxTarget target, Duration deadline) throws IOException, TargetProblem {
        if (target.ssl()) {
            return;
        }
        Optional<RegistryProbe.Endpoint> registry = RegistryProbe.registryOf(target.url());
        if (registry.isPresent()) {
            RegistryProbe.Finding finding = RegistryProbe.probe(registry.get(), deadline);
            Optional<TargetProblem> problem = JmxFailures.fromProbe(finding, target);
            if (problem.isPresent()) {
                throw problem.get();
            }
        }
    }

    private static Map<String, Object> environment(JmxTarget target) {
        Map<String, Object> environment = new HashMap<>();
        environment.put(REGISTRY_SOCKET_FACTORY, RmiClientSockets.registryFactory(target.ssl()));
        environment.put(NOTIFICATION_FETCH_TIMEOUT, RmiClientSockets.NOTIFICATION_FETCH_TIMEOUT.toMillis());
        if (target.hasCredentials()) {
            char[] password = target.password();
            environment.put(
                    JMXConnector.CREDENTIALS,
                    new String[] {target.user(), password == null ? "" : new String(password)});
        }
        return environment;
    }

    /**
     * Closing a connector whose handshake hangs can itself hang on the same dead peer: do it on a daemon thread. The
     * socket read timeout frees that thread in the end.
     */
    private static void closeInBackground(JMXConnector connector) {
        Thread closer = new Thread(() -> closeQuietly(connector), "streamscope-jmx-close");
        closer.setDaemon(true);
        closer.start();
    }

    private static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is being abandoned; its failure was reported already
        }
    }
}
