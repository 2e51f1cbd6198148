package dev.streamscope.app.live;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.demo.DemoLaunchException;
import dev.streamscope.app.demo.DemoSettings;
import dev.streamscope.app.demo.DemoTarget;
import dev.streamscope.app.demo.DemoTargetLauncher;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.session.TargetSpec;
import java.time.Duration;

/** The embedded demo target, started and addressed one way for the window and the capture. */
public final class Demo {

    /** How long the child JVM may take to start. */
    public static final Duration START_DEADLINE = Duration.ofSeconds(60);

    /** What it is, for the line the user reads while it starts. */
    private static final String WHAT = "the demo target (a child JVM with a gRPC service that leaks streams)";

    /** What it is when its leak begins {@code leakAfter} in (--demo-leak-after): it does not leak yet. */
    public static String what(Duration leakAfter) {
        return leakAfter.isZero()
                ? WHAT
                : "the demo target (a child JVM with a gRPC service, healthy until it starts leaking streams "
                        + DurationText.format(leakAfter) + " in)";
    }

    public static final String NAME = "Demo";

    private Demo() {}

    /** A running demo target and how to reach it; closing it ends the child JVM. */
    public record Running(DemoTarget target, TargetSpec spec) implements AutoCloseable {
        @Override
        public void close() {
            target.close();
        }
    }

    /**
     * Starts the child JVM and waits for its addresses; blocks for up to {@link #START_DEADLINE}, so never on the FX
     * thread.
     *
     * @throws DemoLaunchException when it does not start, or names an address we cannot read (then it is ended)
     */
    public static Running start() throws DemoLaunchException {
        return start(Duration.ZERO);
    }

    /**
     * Starts the demo healthy, its leak beginning {@code leakAfter} later (--demo-leak-after): a leak that starts
     * mid-run, as a watch meets one.
     */
    public static Running start(Duration leakAfter) throws DemoLaunchException {
        DemoTarget target = DemoTargetLauncher.start(START_DEADLINE, DemoSettings.DEFAULT.withLeakAfter(leakAfter));
        try {
            TargetSpec spec = new TargetSpec(
                    NAME,
                    JmxAddress.parse(target.jmxAddress(), null, null, false),
                    ChannelzTarget.plaintext(ChannelzAddress.parse(target.channelzAddress())));
            return new Running(target, spec);
        } catch (TargetProblem problem) {
            target.close();
            throw new DemoLaunchException("it gave an address we cannot read: " + problem.getMessage(), problem);
        }
    }
}
