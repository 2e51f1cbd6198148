package dev.streamscope.app.jmx.bridge;

import dev.streamscope.app.base.TargetProblem;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The remote calls the bridge reader makes, over either transport (JMX/RMI or Jolokia's HTTP), each under the
 * connection's deadline and with its I/O failures already said in the user's words. Values come back in the
 * transport's own form (open types or JSON); {@link BridgeMapper} reads both.
 */
public interface MBeanCalls {

    /** What {@link #invoke} returns when the MBean is not there, or lacks the operation (an older bridge). */
    enum Absent {
        VANISHED,
        NO_SUCH_OPERATION
    }

    List<ObjectName> queryNames(String what, ObjectName pattern) throws TargetProblem;

    /** The attributes by name (absent ones missing), or {@code null} when the MBean vanished. */
    Map<String, Object> attributes(String what, ObjectName name, String[] attributes) throws TargetProblem;

    /**
     * @return the operation's result; {@code null} when it returned nothing or threw inside the target; an {@link
     *     Absent} when the MBean vanished or has no such operation
     */
    Object invoke(String what, ObjectName name, String operation, Object[] parameters, String[] signature)
            throws TargetProblem;
}
