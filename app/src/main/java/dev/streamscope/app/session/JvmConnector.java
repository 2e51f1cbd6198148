package dev.streamscope.app.session;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.transport.JvmTarget;

/** Opens a JVM connection under the connect deadline; a seam so sessions can be tested against real or odd peers. */
@FunctionalInterface
public interface JvmConnector {

    JvmConnection connect(JvmTarget target, Timeouts timeouts) throws TargetProblem, InterruptedException;
}
