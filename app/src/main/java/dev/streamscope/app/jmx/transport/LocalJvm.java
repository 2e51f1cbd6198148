package dev.streamscope.app.jmx.transport;

/**
 * A JVM on this machine that the Attach API can see.
 *
 * @param pid the process id, as the Attach API spells it
 * @param displayName usually the main class or jar and its arguments; may be empty
 */
public record LocalJvm(String pid, String displayName) {}
