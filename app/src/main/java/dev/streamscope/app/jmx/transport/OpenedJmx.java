package dev.streamscope.app.jmx.transport;

import java.util.Objects;
import java.util.Optional;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;

/**
 * A JMX connector that has connected and authenticated, before any sampling is set up.
 *
 * @param meter counts the bytes exchanged with this target's endpoints
 * @param routeNote how the connection was routed when that is worth telling the user (through a tunnel, see
 *     {@code StubRoute}); empty when it went where the JVM said
 */
public record OpenedJmx(
        JmxTarget target,
        JMXConnector connector,
        MBeanServerConnection server,
        WireMeter meter,
        Optional<String> routeNote) {

    public OpenedJmx {
        Objects.requireNonNull(routeNote, "routeNote");
    }

    /** Routed as the JVM said. */
    public OpenedJmx(JmxTarget target, JMXConnector connector, MBeanServerConnection server, WireMeter meter) {
        this(target, connector, server, meter, Optional.empty());
    }
}
