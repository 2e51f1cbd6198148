package dev.streamscope.app.archive;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.series.SeriesStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A recording folder read back: its summary, its history in a store of its own, the stream view and the channelz tree
 * at its end. The store is handed to one owner thread, like a live one.
 *
 * @param channelz the last channelz tree, or null when the recording has none
 * @param threads the thread findings (threads.json), or null when no thread dump was taken
 * @param threadDump the last thread dump as text (threads-end.txt), or null
 */
public record SavedRecording(
        Path folder,
        Summary summary,
        SeriesStore store,
        StreamsState streams,
        ChannelzSnapshot channelz,
        ThreadsFile threads,
        String threadDump) {

    public SavedRecording {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(streams, "streams");
    }

    public boolean hasJvm() {
        return summary.target() != null && summary.target().jmx() != null;
    }

    public boolean hasChannelz() {
        return summary.target() != null && summary.target().channelz() != null;
    }

    /** "host:9010 and channelz host:50051", as the recording names its target. */
    public String target() {
        Summary.Target target = summary.target();
        if (target == null || (target.jmx() == null && target.channelz() == null)) {
            return "an unnamed target";
        }
        if (target.channelz() == null) {
            return target.jmx();
        }
        return target.jmx() == null
                ? "channelz " + target.channelz()
                : target.jmx() + " and channelz " + target.channelz();
    }

    /** "recording of host:9010, from 2026-11-30T22:00:00Z to 2026-11-30T22:05:00Z". */
    public String describe() {
        Summary.Window window = summary.window();
        return "recording of " + target() + (window == null ? "" : ", from " + window.start() + " to " + window.end());
    }
}
