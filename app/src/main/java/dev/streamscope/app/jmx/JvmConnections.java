package dev.streamscope.app.jmx;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.jmx.transport.JmxTarget;

/** The one way the app opens a JVM connection: connect and authenticate, then set up sampling. */
public final class JvmConnections {

    private JvmConnections() {}

    /** Connects under {@code timeouts.connect()}; every failure arrives as a {@link TargetProblem} that says why. */
    public static JvmConnection open(JmxTarget target, Timeouts timeouts) throws TargetProblem {
        return RemoteJvmConnection.open(JmxConnector.open(target, timeouts), timeouts);
    }
}
