package dev.streamscope.app.session;

import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.jmx.transport.JmxTarget;
import dev.streamscope.app.jmx.transport.JvmTarget;

/**
 * One target as the user named it: its JVM over JMX, its gRPC channelz service, or both (one tab shows both).
 *
 * @param jmx the JVM (over JMX or Jolokia), or {@code null} for a channelz-only target (a Go, Node or C++ service, say)
 * @param channelz the channelz service, or {@code null} when the target has none or it was not given
 */
public record TargetSpec(String name, JvmTarget jmx, ChannelzTarget channelz) {

    public TargetSpec {
        if (jmx == null && channelz == null) {
            throw new IllegalArgumentException("a target needs a JMX address, a channelz address, or both");
        }
        if (name == null || name.isBlank()) {
            name = jmx != null ? jmx.address() : channelz.address().authority();
        }
    }

    /** The same target, its JMX stubs sent to the address given when they name another host, or not (RMI only). */
    public TargetSpec withTunnelRedirect(boolean redirect) {
        return jmx instanceof JmxTarget rmi ? new TargetSpec(name, rmi.withTunnelRedirect(redirect), channelz) : this;
    }

    /** How the target reads in messages: "host:9010", "host:9010 + channelz host:50051". */
    public String describe() {
        if (jmx == null) {
            return "channelz " + channelz.address().authority();
        }
        return channelz == null
                ? jmx.address()
                : jmx.address() + " + channelz " + channelz.address().authority();
    }
}
