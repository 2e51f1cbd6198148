package dev.streamscope.app.capture;

import dev.streamscope.app.settings.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the {@link StreamsSource} of a capture. This is where the stream-lifetime analysis plugs in: a bridge-backed
 * source when the target's JVM carries the jmx-bridge, else bounds from channelz, else nothing.
 *
 * <p>This build has no bridge reader yet, so a JMX-only target gets no stream analysis (the summary says why) and a
 * target with channelz gets {@link ChannelzOverdueBounds}.
 */
public final class StreamsSources {

    /** The lifetime when no --lifetime gives a default one. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    static final String NOT_AVAILABLE = "stream analysis not available in this build: the jmx-bridge reader is not"
            + " part of it, and the target has no --channelz to derive bounds from";

    private StreamsSources() {}

    public static StreamsSource forCapture(CaptureOptions options) {
        if (options.target().channelz() == null) {
            StreamsReport report = StreamsReport.unavailable(NOT_AVAILABLE);
            return () -> report;
        }
        List<String> notes = new ArrayList<>();
        Duration lifetime = DEFAULT_LIFETIME;
        for (String text : options.lifetimes()) {
            if (text.contains("=")) {
                notes.add("--lifetime " + text + " ignored: channelz has no per-stream methods, so only the default"
                        + " lifetime applies to its bounds");
            } else {
                lifetime = DurationText.parse(text);
            }
        }
        return new ChannelzOverdueBounds(lifetime, notes);
    }
}
