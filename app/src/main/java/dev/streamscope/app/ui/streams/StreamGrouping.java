package dev.streamscope.app.ui.streams;

/** How the Streams tab groups the bridge's open streams; its text is what the "Group by" choice shows. */
public enum StreamGrouping {
    STREAM("stream"),
    SITE("creation site"),
    METHOD("method"),
    PEER("peer");

    private final String text;

    StreamGrouping(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
