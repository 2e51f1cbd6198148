package dev.streamscope.app.jmx.transport;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.streamscope.app.base.CallDeadline;
import dev.streamscope.app.base.TargetProblem;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Finds JVMs on this machine and the JMX address of one of them through the Attach API, so that a user can pick a
 * process instead of typing a port. Only JVMs of the same user that allow attaching are reachable this way.
 */
public final class LocalJvms {

    /** Attaching starts a thread in the target and may wait for a slow or paused JVM. */
    public static final Duration DEFAULT_ATTACH_DEADLINE = Duration.ofSeconds(10);

    private LocalJvms() {}

    /** The JVMs the Attach API sees, by pid; this JVM included. */
    public static List<LocalJvm> list() {
        return VirtualMachine.list().stream()
                .map(descriptor -> new LocalJvm(descriptor.id(), descriptor.displayName()))
                .sorted(Comparator.comparing(LocalJvm::pid))
                .toList();
    }

    public static String jmxAddress(String pid) throws TargetProblem {
        return jmxAddress(pid, DEFAULT_ATTACH_DEADLINE);
    }

    /**
     * Attaches to the JVM, starts its local management agent if it is not running yet, and returns the agent's
     * {@code service:jmx:} URL (reachable from this machine only).
     *
     * @throws TargetProblem {@link TargetProblem.Kind#NOT_ATTACHABLE} when the JVM does not let us attach, {@link
     *     TargetProblem.Kind#TIMEOUT} when it does not answer within the deadline
     */
    public static String jmxAddress(String pid, Duration deadline) throws TargetProblem {
        if (pid.equals(Long.toString(ProcessHandle.current().pid()))
                && !Boolean.getBoolean("jdk.attach.allowAttachSelf")) {
            throw new TargetProblem(
                    TargetProblem.Kind.NOT_ATTACHABLE,
                    "JVM " + pid + " is StreamScope itself, which may not attach to itself;"
                            + " start it with -Djdk.attach.allowAttachSelf=true to watch it");
        }
        try (CallDeadline attach = new CallDeadline("attach " + pid)) {
            return attach.call("attaching to JVM " + pid, deadline, () -> startLocalAgent(pid));
        }
    }

    private static String startLocalAgent(String pid) throws TargetProblem {
        VirtualMachine machine;
        try {
            machine = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException | SecurityException refused) {
            throw notAttachable(pid, refused);
        }
        try {
            return machine.startLocalManagementAgent();
        } catch (IOException | RuntimeException failed) {
            throw new TargetProblem(
                    TargetProblem.Kind.NOT_ATTACHABLE,
                    "Attached to JVM " + pid + " but could not start its management agent: " + failed.getMessage(),
                    failed);
        } finally {
            detach(machine);
        }
    }

    private static void detach(VirtualMachine machine) {
        try {
            machine.detach();
        } catch (IOException alreadyGone) {
            // the agent's address is what we came for; a JVM that exits meanwhile is found out on connecting
        }
    }

    private static TargetProblem notAttachable(String pid, Exception refused) {
        return new TargetProblem(
                TargetProblem.Kind.NOT_ATTACHABLE,
                "Cannot attach to JVM " + pid + " (" + refused.getMessage() + "). It may have exited, belong to"
                        + " another user, or run with -XX:+DisableAttachMechanism; otherwise connect to its JMX"
                        + " port (-Dcom.sun.management.jmxremote.port=…) instead",
                refused);
    }
}
