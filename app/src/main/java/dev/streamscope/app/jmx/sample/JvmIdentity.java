package dev.streamscope.app.jmx.sample;

/**
 * Who the target is, read once per connection from {@code java.lang:type=Runtime}.
 *
 * @param name the runtime name, usually {@code pid@host}
 * @param startEpochMillis when the target JVM started; GC notification times are relative to it
 */
public record JvmIdentity(String name, String vmName, String vmVendor, String vmVersion, long startEpochMillis) {}
