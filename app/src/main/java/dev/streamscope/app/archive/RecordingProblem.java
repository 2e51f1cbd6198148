package dev.streamscope.app.archive;

/** A folder that cannot be opened as a recording; the message says which file and what to do. */
public final class RecordingProblem extends Exception {

    public RecordingProblem(String message) {
        super(message);
    }

    public RecordingProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
