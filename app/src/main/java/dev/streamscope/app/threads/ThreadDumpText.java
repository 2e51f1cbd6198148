package dev.streamscope.app.threads;

import dev.streamscope.app.jmx.threads.StackFrame;
import dev.streamscope.app.jmx.threads.ThreadDump;
import dev.streamscope.app.jmx.threads.ThreadRecord;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A dump as {@code jstack} prints it, so the tools that read jstack output read ours too. */
public final class ThreadDumpText {

    private static final DateTimeFormatter TAKEN_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ThreadDumpText() {}

    public static String format(ThreadDump dump) {
        StringBuilder text = new StringBuilder();
        text.append(TAKEN_AT.format(dump.takenAt())).append('\n');
        text.append("Full thread dump (StreamScope over JMX")
                .append(dump.locksIncluded() ? "" : "; the target reported no locked monitors")
                .append("):\n\n");
        for (ThreadRecord thread : dump.threads()) {
            text.append(stack(thread)).append('\n');
        }
        if (!dump.deadlocked().isEmpty()) {
            text.append("Found one Java-level deadlock:\n=============================\n");
            for (ThreadRecord thread : dump.threads()) {
                if (dump.deadlocked().contains(thread.id())) {
                    text.append('"')
                            .append(thread.name())
                            .append("\":\n  waiting to lock ")
                            .append(thread.lockName())
                            .append(",\n  which is held by \"")
                            .append(thread.lockOwnerName())
                            .append("\"\n");
                }
            }
        }
        return text.toString();
    }

    /** One thread: its header, state and frames; what the page copies. */
    public static String stack(ThreadRecord thread) {
        StringBuilder text = new StringBuilder();
        text.append('"').append(thread.name()).append("\" #").append(thread.id());
        if (thread.daemon()) {
            text.append(" daemon");
        }
        text.append('\n');
        text.append("   java.lang.Thread.State: ").append(thread.state()).append('\n');
        for (int i = 0; i < thread.stack().size(); i++) {
            StackFrame frame = thread.stack().get(i);
            text.append("\tat ").append(frame).append('\n');
            if (i == 0 && thread.lockName() != null) {
                String how = switch (thread.state()) {
                    case BLOCKED -> "waiting to lock";
                    case WAITING, TIMED_WAITING ->
                        frame.methodName().equals("park") ? "parking to wait for" : "waiting on";
                    default -> "locked";
                };
                text.append("\t- ")
                        .append(how)
                        .append(" <")
                        .append(thread.lockName())
                        .append('>');
                if (thread.lockOwnerName() != null) {
                    text.append(" owned by \"").append(thread.lockOwnerName()).append('"');
                }
                text.append('\n');
            }
        }
        if (!thread.lockedMonitors().isEmpty()) {
            text.append("\n   Locked ownable synchronizers and monitors:\n");
            for (String lock : thread.lockedMonitors()) {
                text.append("\t- <").append(lock).append(">\n");
            }
        }
        return text.toString();
    }
}
