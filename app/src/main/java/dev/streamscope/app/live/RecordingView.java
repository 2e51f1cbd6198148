package dev.streamscope.app.live;

import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.threads.ThreadReport;

/**
 * What a {@link LiveRecording} holds after one applied batch, for whoever projects it (the window's tab, the capture's
 * progress line). Immutable: it crosses threads.
 *
 * @param samples JVM samples recorded so far; a projection compares counts to see whether anything new arrived
 * @param identity the target JVM's identity, or null before the first sample
 * @param lastSample the latest JVM sample, or null
 * @param lastChannelz the latest channelz refresh's outcome, succeeded or not, or null before the first
 * @param lastSnapshot the latest channelz tree, or null before the first successful refresh
 * @param failed the first connection failed for good
 * @param waitingReason why the first connection has not succeeded yet while it is retried, or null
 * @param lastProblem the latest problem any status reported, or null
 * @param droppedEvents session events the recording thread had no room for
 * @param threads the last thread dump, its pools and the thread findings ({@link ThreadReport#EMPTY} before a dump)
 * @param savedThreadDump the last dump's text of a recording opened from a folder, or null
 * @param threadProblem why the latest thread dump failed, or null when it succeeded (or none was asked for)
 * @param connectionNote what the user should know of the current connection (a tunnel, a transport's limits), else empty
 */
public record RecordingView(
        TargetState state,
        String statusMessage,
        long samples,
        long channelzSnapshots,
        JvmIdentity identity,
        JvmSample lastSample,
        PollCost meanTickCost,
        ChannelzUpdate lastChannelz,
        ChannelzSnapshot lastSnapshot,
        StreamsState streams,
        boolean failed,
        String waitingReason,
        String lastProblem,
        long droppedEvents,
        ThreadReport threads,
        String savedThreadDump,
        String threadProblem,
        String connectionNote) {

    /** True when nothing at all was recorded: no sample and no channelz tree. */
    public boolean nothingRecorded() {
        return samples == 0 && channelzSnapshots == 0;
    }

    /** "12 samples · heap 40.1 MiB · open streams 901": what a progress line says of the recording so far. */
    public String progressFigures() {
        StringBuilder figures = new StringBuilder().append(samples).append(" samples");
        if (lastSample != null) {
            figures.append(" · heap ")
                    .append(SizeText.mebibytes(lastSample.heap().used()));
        }
        if (lastSnapshot != null) {
            figures.append(" · open streams ")
                    .append(lastSnapshot.totals().clientOpenStreams()
                            + lastSnapshot.totals().serverOpenStreams());
        }
        return figures.toString();
    }

    /** The time of the latest JVM sample, or 0 before the first. */
    public long lastSampleEpochMillis() {
        return lastSample == null ? 0 : lastSample.epochMillis();
    }
}
