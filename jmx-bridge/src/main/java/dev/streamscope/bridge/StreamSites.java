package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.management.ConstructorParameters;

/**
 * The open streams grouped by creation site, as {@link GrpcStreamsMXBean#sites} returns them: at most the limit of
 * rows, sites first by overdue streams, client sites before server methods, then by open streams, each method's {@link SiteKind#NOT_SAMPLED} row after the sites; the
 * groups past the limit summed as "other". Rows sum to the open streams seen by the read.
 */
public final class StreamSites {
    private final long readAtEpochMillis;
    private final int alwaysFirst;
    private final int sampleEvery;
    private final List<SiteRow> sites;
    private final int otherGroups;
    private final long otherOpenStreams;
    private final long otherOverdueStreams;

    @ConstructorParameters({
        "readAtEpochMillis",
        "alwaysFirst",
        "sampleEvery",
        "sites",
        "otherGroups",
        "otherOpenStreams",
        "otherOverdueStreams"
    })
    public StreamSites(
            long readAtEpochMillis,
            int alwaysFirst,
            int sampleEvery,
            List<SiteRow> sites,
            int otherGroups,
            long otherOpenStreams,
            long otherOverdueStreams) {
        this.readAtEpochMillis = readAtEpochMillis;
        this.alwaysFirst = alwaysFirst;
        this.sampleEvery = sampleEvery;
        this.sites = Collections.unmodifiableList(new ArrayList<>(sites));
        this.otherGroups = otherGroups;
        this.otherOpenStreams = otherOpenStreams;
        this.otherOverdueStreams = otherOverdueStreams;
    }

    public long getReadAtEpochMillis() {
        return readAtEpochMillis;
    }

    /** The sampling in force when read: the first streams of each method always recorded… */
    public int getAlwaysFirst() {
        return alwaysFirst;
    }

    /** …then one in this many (0: none). */
    public int getSampleEvery() {
        return sampleEvery;
    }

    public List<SiteRow> getSites() {
        return sites;
    }

    /** Groups left out by the limit. */
    public int getOtherGroups() {
        return otherGroups;
    }

    public long getOtherOpenStreams() {
        return otherOpenStreams;
    }

    public long getOtherOverdueStreams() {
        return otherOverdueStreams;
    }
}
