package dev.streamscope.app.demo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line the demo child prints on stdout once it serves JMX and channelz. Child and launcher share this class so
 * the format lives in one place.
 *
 * @param jmxAddress {@code 127.0.0.1:port} of the RMI registry holding the JMX connector
 * @param channelzAddress {@code 127.0.0.1:port} of the gRPC server that serves channelz and the demo service
 * @param pid the child's process id
 */
record DemoHandshake(String jmxAddress, String channelzAddress, long pid) {

    static final String PREFIX = "STREAMSCOPE-DEMO-READY";

    private static final Pattern LINE = Pattern.compile(
            Pattern.quote(PREFIX) + " jmx=(127\\.0\\.0\\.1:\\d{1,5}) channelz=(127\\.0\\.0\\.1:\\d{1,5}) pid=(\\d+)");

    static DemoHandshake of(int jmxPort, int channelzPort, long pid) {
        return new DemoHandshake("127.0.0.1:" + jmxPort, "127.0.0.1:" + channelzPort, pid);
    }

    /** The line as printed, e.g. {@code STREAMSCOPE-DEMO-READY jmx=127.0.0.1:40001 channelz=127.0.0.1:40002 pid=7}. */
    String line() {
        return PREFIX + " jmx=" + jmxAddress + " channelz=" + channelzAddress + " pid=" + pid;
    }

    /** Reads a handshake line; any other line (a stray log line, say) gives empty. */
    static Optional<DemoHandshake> parse(String line) {
        Matcher matcher = LINE.matcher(line.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DemoHandshake(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3))));
    }
}
