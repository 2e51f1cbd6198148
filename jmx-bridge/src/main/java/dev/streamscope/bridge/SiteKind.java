package dev.streamscope.bridge;

/** What a creation site names, and so how to read it. */
public enum SiteKind {
    /** A client stream: the first application frame that started the call (class, method, file, line). */
    CLIENT_CALL,
    /** A server stream: its opener is the remote client, so the site names the service method and the peer host. */
    SERVER_METHOD,
    /** Streams of one method whose site was not recorded: sampling skipped them, or the site table was full. */
    NOT_SAMPLED
}
