package dev.streamscope.app.jmx.transport;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;

/**
 * A JMX connector that has connected and authenticated, before any sampling is set up.
 *
 * @param meter counts the bytes exchanged with this target's endpoints
 */
public record OpenedJmx(JmxTarget target, JMXConnector connector, MBeanServerConnection server, WireMeter meter) {}
