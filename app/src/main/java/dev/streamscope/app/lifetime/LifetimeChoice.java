package dev.streamscope.app.lifetime;

import java.util.Objects;

/**
 * The lifetimes a target's overdue counts use, and whose they are: the user's when they set some for that target, else
 * those the service gave its bridge ({@code -Dstreamscope.lifetime}), else StreamScope's default.
 *
 * @param policy the lifetimes to count overdue streams by
 * @param source whose they are, for the label next to the count
 */
public record LifetimeChoice(LifetimePolicy policy, Source source) {

    /** Whose lifetimes are shown. */
    public enum Source {
        USER("your lifetimes"),
        SERVICE("lifetimes from the service"),
        DEFAULT("default lifetimes");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        /** What the view shows next to the overdue count, e.g. "lifetimes from the service". */
        public String text() {
            return text;
        }
    }

    public LifetimeChoice {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param userPolicy the lifetimes the user set for this target (command line, settings or the view), or null
     * @param latest the target's latest bridge read, or null before the first
     */
    public static LifetimeChoice choose(LifetimePolicy userPolicy, BridgeStreams latest) {
        if (userPolicy != null) {
            return new LifetimeChoice(userPolicy, Source.USER);
        }
        if (latest != null && latest.serviceLifetime() != null) {
            return new LifetimeChoice(latest.serviceLifetime(), Source.SERVICE);
        }
        return new LifetimeChoice(LifetimePolicy.DEFAULT, Source.DEFAULT);
    }

    /** The label shown with the counts, e.g. "lifetimes from the service: 60s, /pkg.Svc/Watch=1h". */
    public String label() {
        return source.text() + ": " + policy.toText();
    }
}
