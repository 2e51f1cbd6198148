package dev.streamscope.app.ui;

import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.demo.DemoTarget;
import dev.streamscope.app.demo.DemoTargetLauncher;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.session.TargetSpec;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One demo target (a child JVM) for all the tests of a class that only watch it: a demo takes seconds to start, and CI
 * has two cores. Started on first use, ended after the class. Register it as a static {@code @RegisterExtension}.
 */
public final class SharedDemo implements AfterAllCallback {

    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final boolean blockedEventLoop;
    private DemoTarget demo;

    public SharedDemo() {
        this(false);
    }

    /** @param blockedEventLoop start the demo with its switch that blocks an event loop (the Threads page's test) */
    public SharedDemo(boolean blockedEventLoop) {
        this.blockedEventLoop = blockedEventLoop;
    }

    /** The demo's addresses, as a connect dialog would take them; starts the demo if it is not running. */
    public synchronized TargetSpec target() throws Exception {
        if (demo == null || !demo.isAlive()) {
            if (demo != null) {
                demo.close();
            }
            demo = blockedEventLoop
                    ? DemoTargetLauncher.startWithBlockedEventLoop(START_DEADLINE)
                    : DemoTargetLauncher.start(START_DEADLINE);
        }
        return new TargetSpec(
                "Demo",
                JmxAddress.parse(demo.jmxAddress(), null, null, false),
                ChannelzTarget.plaintext(ChannelzAddress.parse(demo.channelzAddress())));
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (demo != null) {
            demo.close();
            demo = null;
        }
    }
}
