package dev.streamscope.app.capture;

/** The command line asks for a capture that cannot run; the message says what to change. Exit status 64. */
public final class CaptureUsageException extends Exception {

    public CaptureUsageException(String message) {
        super(message);
    }
}
