package dev.streamscope.app.jmx.bridge;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.sample.JmxMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;

/** {@link MBeanCalls} over a JMX connection, each call through the connection's {@link BridgeReader.RemoteCalls}. */
final class JmxMBeanCalls implements MBeanCalls {

    private final MBeanServerConnection server;
    private final BridgeReader.RemoteCalls calls;

    JmxMBeanCalls(MBeanServerConnection server, BridgeReader.RemoteCalls calls) {
        this.server = server;
        this.calls = calls;
    }

    @Override
    public List<ObjectName> queryNames(String what, ObjectName pattern) throws TargetProblem {
        return calls.call(what, () -> List.copyOf(server.queryNames(pattern, null)));
    }

    @Override
    public Map<String, Object> attributes(String what, ObjectName name, String[] attributes) throws TargetProblem {
        return calls.call(what, () -> {
            try {
                return JmxMapper.byName(server.getAttributes(name, attributes));
            } catch (InstanceNotFoundException vanished) {
                return null;
            }
        });
    }

    @Override
    public Object invoke(String what, ObjectName name, String operation, Object[] parameters, String[] signature)
            throws TargetProblem {
        Optional<?> answer = calls.call(what, () -> {
            try {
                return Optional.ofNullable(server.invoke(name, operation, parameters, signature));
            } catch (InstanceNotFoundException vanished) {
                return Optional.of(Absent.VANISHED);
            } catch (ReflectionException absent) {
                // how an MBean server says that the MBean has no operation of that name and signature
                return Optional.of(Absent.NO_SUCH_OPERATION);
            } catch (JMException | JMRuntimeException failed) {
                // MBeanException, RuntimeMBeanException: it threw in the target
                return Optional.empty();
            }
        });
        return answer.orElse(null);
    }
}
