package dev.streamscope.app.jmx.jolokia;

import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.bridge.MBeanCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jolokia.client.request.J4pExecRequest;
import org.jolokia.client.request.J4pReadRequest;
import org.jolokia.client.request.J4pRequest;
import org.jolokia.client.request.J4pSearchRequest;

/**
 * {@link MBeanCalls} over Jolokia: {@code search}, {@code read} and {@code exec} requests, one round trip each under
 * the call deadline. What the agent's policy forbids fails with a message that names the MBean and operation.
 */
public final class JolokiaMBeanCalls implements MBeanCalls {

    private final JolokiaClient client;
    private final CallDeadline io;
    private final Duration deadline;

    public JolokiaMBeanCalls(JolokiaClient client, CallDeadline io, Duration deadline) {
        this.client = client;
        this.io = io;
        this.deadline = deadline;
    }

    @Override
    public List<ObjectName> queryNames(String what, ObjectName pattern) throws TargetProblem {
        JolokiaReply reply = one(what, new J4pSearchRequest(pattern), pattern, "search");
        List<ObjectName> names = new ArrayList<>();
        if (reply.value() instanceof List<?> found) {
            for (Object name : found) {
                try {
                    names.add(new ObjectName(String.valueOf(name)));
                } catch (MalformedObjectNameException unreadable) {
                    // the agent only returns registered names; one it mangled is not ours to read
                }
            }
        }
        return names;
    }

    @Override
    public Map<String, Object> attributes(String what, ObjectName name, String[] attributes) throws TargetProblem {
        JolokiaReply reply = one(what, new J4pReadRequest(name, attributes), name, "read");
        if (reply.missing()) {
            return null;
        }
        return reply.attributes();
    }

    @Override
    public Object invoke(String what, ObjectName name, String operation, Object[] parameters, String[] signature)
            throws TargetProblem {
        JolokiaReply reply = one(
                what,
                new J4pExecRequest(name, operation + "(" + String.join(",", signature) + ")", parameters),
                name,
                operation);
        if (reply.ok()) {
            return reply.value();
        }
        if (reply.missing()) {
            return Absent.VANISHED;
        }
        if (reply.status() == 400 && String.valueOf(reply.error()).contains("No operation")) {
            return Absent.NO_SUCH_OPERATION;
        }
        return null; // it threw inside the target
    }

    private JolokiaReply one(String what, J4pRequest request, ObjectName name, String operation) throws TargetProblem {
        JolokiaReply reply = client.bulk(what, List.of(request), io, deadline).get(0);
        if (reply.forbidden()) {
            throw JolokiaFailures.forbidden(client.target(), name.toString(), operation, reply.error());
        }
        return reply;
    }
}
