package dev.streamscope.app.jmx;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.jolokia.JolokiaTarget;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.jmx.transport.JmxTarget;
import dev.streamscope.app.jmx.transport.JvmTarget;

/** The one way the app opens a JVM connection, over JMX/RMI or Jolokia: connect and authenticate, then set up sampling. */
public final class JvmConnections {

    private JvmConnections() {}

    /** Connects under {@code timeouts.connect()}; every failure arrives as a {@link TargetProblem} that says why. */
    public static JvmConnection open(JvmTarget target, Timeouts timeouts) throws TargetProblem {
        if (target instanceof JolokiaTarget jolokia) {
            return JolokiaJvmConnection.open(jolokia, timeouts);
        }
        return RemoteJvmConnection.open(JmxConnector.open((JmxTarget) target, timeouts), timeouts);
    }
}
