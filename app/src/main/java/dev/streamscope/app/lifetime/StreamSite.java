package dev.streamscope.app.lifetime;

import java.util.List;

/**
 * The open streams of one creation site and method, as a bridge grouped them. Items a bridge of another version lacks
 * are {@code null}.
 *
 * @param kind {@code CLIENT_CALL} (the application frame that started a client call), {@code SERVER_METHOD} (a server
 *     stream: its opener is the remote client, so the site names the method and the client's host) or
 *     {@code NOT_SAMPLED} (the method's streams whose site was not recorded); text, so a newer bridge's kinds pass
 * @param side {@code CLIENT} or {@code SERVER}
 * @param site {@code com.acme.WatchClient.subscribe(WatchClient.java:88)}, {@code remote client 10.0.0.5}, or null
 *     for {@code NOT_SAMPLED}
 * @param method the full method name, {@code pkg.Service/Method}
 * @param lifetimeMillis the lifetime the bridge counted overdue streams with
 * @param sampled true when some of the method's streams went unrecorded, so the counts are those of the sampled
 *     streams and the rest sit in the method's {@code NOT_SAMPLED} group; false: exact
 * @param frames the recorded stack, from the application frame towards its callers; empty for server groups
 * @param openEstimate the estimated open streams of the method opened here (each sampled stream counted with the
 *     streams it stands for); for {@code NOT_SAMPLED}, what the estimates cannot place; null from a bridge before
 *     estimates, whose {@code openStreams} is then the best figure
 * @param overdueEstimate the same for overdue streams
 */
public record StreamSite(
        String kind,
        String side,
        String site,
        String method,
        Long lifetimeMillis,
        Long openStreams,
        Long overdueStreams,
        Long oldestAgeMillis,
        Boolean sampled,
        List<String> frames,
        Long openEstimate,
        Long overdueEstimate) {

    public static final String CLIENT_CALL = "CLIENT_CALL";
    public static final String SERVER_METHOD = "SERVER_METHOD";
    public static final String NOT_SAMPLED = "NOT_SAMPLED";

    public StreamSite {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    /** A group from a bridge before estimates: its counts are the sampled ones. */
    public StreamSite(
            String kind,
            String side,
            String site,
            String method,
            Long lifetimeMillis,
            Long openStreams,
            Long overdueStreams,
            Long oldestAgeMillis,
            Boolean sampled,
            List<String> frames) {
        this(
                kind,
                side,
                site,
                method,
                lifetimeMillis,
                openStreams,
                overdueStreams,
                oldestAgeMillis,
                sampled,
                frames,
                null,
                null);
    }

    /** Estimated open streams; the sampled count from an older bridge. */
    public long estimatedOpen() {
        return openEstimate != null ? openEstimate : openStreams != null ? openStreams : 0;
    }

    /** Estimated overdue streams; the sampled count from an older bridge. */
    public long estimatedOverdue() {
        return overdueEstimate != null ? overdueEstimate : overdueStreams != null ? overdueStreams : 0;
    }

    /** Whether the group names a line of code in the service (a client call's site), not a remote peer. */
    public boolean lineOfCode() {
        return CLIENT_CALL.equals(kind);
    }

    /** Whether this group names no site: streams of its method that sampling skipped. */
    public boolean notSampled() {
        return NOT_SAMPLED.equals(kind) || site == null;
    }

    /** What a view shows in the site column: the site, or why there is none. */
    public String label() {
        return site != null ? site : "site not sampled";
    }

    /** The frames as a stack trace prints them, one {@code at …} line each, for copying. */
    public String stackText() {
        StringBuilder text = new StringBuilder();
        for (String frame : frames) {
            text.append("\tat ").append(frame).append('\n');
        }
        return text.toString();
    }
}
