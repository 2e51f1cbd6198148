package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import java.io.IOException;
import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnectionNotification;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;

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
        AtomicReference<JMXConnector> made = new AtomicReference<>();
        AtomicReference<StubRoute> route = new AtomicReference<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<Thread> worker = new AtomicReference<>();
        JMXConnector connector;
        try (CallDeadline io = new CallDeadline("jmx-connect")) {
            connector = io.run(
                    timeouts.connect(),
                    () -> RmiClientSockets.metered(meter, () -> {
                        worker.set(Thread.currentThread());
                        JMXConnector fresh = connectorFor(target, environment, timeouts.connect(), route);
                        made.set(fresh);
                        fresh.connect(environment);
                        // the caller gave up while we were connecting: nobody will ever close this connection
                        if (abandoned.get()) {
                            closeQuietly(fresh);
                        }
                        return fresh;
                    }));
        } catch (TimeoutException e) {
            abandoned.set(true);
            // before giving up, while the stuck thread still shows where it waits
            Optional<TargetProblem> stuck =
                    route.get() == null ? StubRoute.stuckOnTheStubsHost(target, worker.get()) : Optional.empty();
            giveUp(made, route);
            throw stuck.orElseGet(() -> JmxFailures.timeout(target, timeouts.connect()));
        } catch (ExecutionException e) {
            giveUp(made, route);
            StubRoute chosen = route.get();
            Optional<TargetProblem> explained = chosen == null ? Optional.empty() : chosen.explain(e.getCause());
            throw explained.orElseGet(() -> JmxFailures.classify(e.getCause(), target));
        } catch (InterruptedException e) {
            abandoned.set(true);
            giveUp(made, route);
            Thread.currentThread().interrupt();
            throw new TargetProblem(
                    TargetProblem.Kind.CANCELLED, "Connecting to " + target.address() + " was cancelled.");
        }
        StubRoute chosen = route.get();
        if (chosen != null) {
            releaseWhenClosed(connector, chosen);
        }
        MBeanServerConnection server;
        try {
            // RMIConnector hands out a local wrapper here: no remote call
            server = connector.getMBeanServerConnection();
        } catch (IOException e) {
            closeInBackground(connector);
            throw JmxFailures.classify(e, target);
        }
        Optional<String> note = chosen == null ? Optional.empty() : chosen.note();
        return new OpenedJmx(target, connector, MeteredServerConnection.wrap(server, meter), meter, note);
    }

    /**
     * For a registry URL ({@code /jndi/rmi://host:port/name}) looks the connector's stub up itself rather than through
     * JNDI, so that it can see which host and port the stub names and route it (see {@link StubRoute}) before the
     * first call. Any other URL is left to the JDK.
     */
    private static JMXConnector connectorFor(
            JmxTarget target, Map<String, Object> environment, Duration deadline, AtomicReference<StubRoute> route)
            throws IOException, TargetProblem, NotBoundException {
        Optional<RegistryProbe.Endpoint> registry = RegistryProbe.registryOf(target.url());
        if (registry.isEmpty()) {
            return JMXConnectorFactory.newJMXConnector(target.url(), environment);
        }
        probeRegistry(target, registry.get(), deadline);
        Remote found = RmiClientSockets.lookUp(registry.get(), target.ssl(), RegistryProbe.nameOf(target.url()));
        if (!(found instanceof RMIServer stub)) {
            throw new TargetProblem(
                    TargetProblem.Kind.NOT_JMX,
                    registry.get() + " answers as an RMI registry, but what it holds under '"
                            + RegistryProbe.nameOf(target.url()) + "' is not a JMX connector. Check the port: it must "
                            + "be the one the JVM was started with as -Dcom.sun.management.jmxremote.port.");
        }
        Optional<StubEndpoint> named = StubEndpoint.of(stub);
        if (named.isEmpty()) {
            return new RMIConnector(stub, environment);
        }
        StubRoute chosen = StubRoute.choose(target, registry.get(), named.get(), stub);
        route.set(chosen);
        return new RMIConnector(chosen.server(), environment);
    }

    /** The route's redirect lives as long as the connection: until it is closed or fails. */
    private static void releaseWhenClosed(JMXConnector connector, StubRoute route) {
        connector.addConnectionNotificationListener(
                (notification, handback) -> {
                    String type = notification.getType();
                    if (JMXConnectionNotification.CLOSED.equals(type)
                            || JMXConnectionNotification.FAILED.equals(type)) {
                        route.release();
                    }
                },
                null,
                null);
    }

    private static void giveUp(AtomicReference<JMXConnector> made, AtomicReference<StubRoute> route) {
        JMXConnector connector = made.get();
        if (connector != null) {
            closeInBackground(connector);
        }
        StubRoute chosen = route.get();
        if (chosen != null) {
            chosen.release();
        }
    }

    /**
     * A plaintext registry is probed first, so that an SSL registry or an HTTP server on the port is named as such
     * instead of surfacing as a vague RMI error or a timeout. An SSL registry needs no probe: TLS says what is wrong.
     */
    private static void probeRegistry(JmxTarget target, RegistryProbe.Endpoint registry, Duration deadline)
            throws IOException, TargetProblem {
        if (target.ssl()) {
            return;
        }
        RegistryProbe.Finding finding = RegistryProbe.probe(registry, deadline);
        Optional<TargetProblem> problem = JmxFailures.fromProbe(finding, target);
        if (problem.isPresent()) {
            throw problem.get();
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
