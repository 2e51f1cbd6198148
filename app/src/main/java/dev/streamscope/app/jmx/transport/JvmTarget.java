package dev.streamscope.app.jmx.transport;

/**
 * Where and how to reach a JVM: over JMX/RMI ({@link JmxTarget}) or over HTTP through a Jolokia agent. The session
 * and everything above it only hand it to the connector and show its address.
 */
public interface JvmTarget {

    /** What the user typed, kept for display. */
    String address();
}
