package dev.streamscope.app.demo;

import java.util.OptionalLong;

/** The demo child did not come up: it failed to start, exited early or missed the deadline. The message says which. */
public final class DemoLaunchException extends Exception {

    private final long childPid;

    public DemoLaunchException(String message, Throwable cause) {
        super(message, cause);
        this.childPid = -1;
    }

    DemoLaunchException(String message, long childPid) {
        super(message);
        this.childPid = childPid;
    }

    /** The pid the child had, when it got as far as starting; it has been ended by the time this is thrown. */
    public OptionalLong childPid() {
        return childPid < 0 ? OptionalLong.empty() : OptionalLong.of(childPid);
    }
}
