package dev.streamscope.app.ui.target;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.PollCost;
import java.time.Duration;

/** The lines above a target's charts: which JVM it is, and what watching it costs. */
final class HeaderText {

    private HeaderText() {}

    /** "pid@host · OpenJDK 64-Bit Server VM 17.0.15 · up 4 min 12 s". */
    static String identity(JvmIdentity identity, long uptimeMillis) {
        return identity.name() + " · " + identity.vmName() + " " + identity.vmVersion() + " · up "
                + DurationText.age(Duration.ofMillis(uptimeMillis));
    }

    /** "≈ 6 JMX round trips, 4.0 KiB per tick (mean of the last 10)", or empty before the first tick. */
    static String cost(PollCost cost) {
        if (cost.roundTrips() == 0) {
            return "";
        }
        long bytes = cost.bytesSent() + cost.bytesReceived();
        String traffic = bytes == 0 ? "" : ", " + SizeText.kibibytes(bytes);
        return "≈ " + cost.roundTrips() + " JMX round trips" + traffic + " per tick (mean of the last 10)";
    }
}
