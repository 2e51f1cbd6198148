package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.management.ConstructorParameters;

/**
 * The open streams grouped by creation site, as {@link GrpcStreamsMXBean#sites} returns them: at most the limit of
 * rows; client sites (lines of code) first, by estimated overdue, then estimated open streams; then the server-side
 * groups (remote clients) in the same order; each method's {@link SiteKind#NOT_SAMPLED} row last. The groups past the
 * limit summed as "other". Rows' {@code openStreams} sum to the open streams seen by the read.
 */
public final class StreamSites {
    private final long readAtEpochMillis;
    private final int alwaysFirst;
    private final int sampleEvery;
    private final List<SiteRow> sites;
    private final int otherGroups;
    private final long otherOpenStreams;
    private final long otherOverdueStreams;
    private final int perMethodRate;
    private final int processRate;

    /**
     * @deprecated use the constructor with the rates. Kept annotated, so that a Java client with this class rebuilds
     *     the answer of a bridge older than the rates.
     */
    @Deprecated
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
        this(
                readAtEpochMillis,
                alwaysFirst,
                sampleEvery,
                sites,
                otherGroups,
                otherOpenStreams,
                otherOverdueStreams,
                0,
                0);
    }

    @ConstructorParameters({
        "readAtEpochMillis",
        "alwaysFirst",
        "sampleEvery",
        "sites",
        "otherGroups",
        "otherOpenStreams",
        "otherOverdueStreams",
        "perMethodRate",
        "processRate"
    })
    public StreamSites(
            long readAtEpochMillis,
            int alwaysFirst,
            int sampleEvery,
            List<SiteRow> sites,
            int otherGroups,
            long otherOpenStreams,
            long otherOverdueStreams,
            int perMethodRate,
            int processRate) {
        this.readAtEpochMillis = readAtEpochMillis;
        this.alwaysFirst = alwaysFirst;
        this.sampleEvery = sampleEvery;
        this.sites = Collections.unmodifiableList(new ArrayList<>(sites));
        this.otherGroups = otherGroups;
        this.otherOpenStreams = otherOpenStreams;
        this.otherOverdueStreams = otherOverdueStreams;
        this.perMethodRate = perMethodRate;
        this.processRate = processRate;
    }

    public long getReadAtEpochMillis() {
        return readAtEpochMillis;
    }

    /** The sampling in force when read: the first streams of each method always recorded… */
    public int getAlwaysFirst() {
        return alwaysFirst;
    }

    /** …then one in this many besides the rate (0: none, the default). */
    public int getSampleEvery() {
        return sampleEvery;
    }

    /** Stack walks a second for each method (0 from a bridge that sampled by ratio only). */
    public int getPerMethodRate() {
        return perMethodRate;
    }

    /** Stack walks a second for the whole bridge. */
    public int getProcessRate() {
        return processRate;
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
