package dev.streamscope.app.cli;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.jmx.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.settings.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The command line: {@code ./streamscope [--jmx host:port]… [--demo] [--interval 1s] …}. */
@Command(
        name = "streamscope",
        mixinStandardHelpOptions = true,
        version = "StreamScope 0.1.0",
        sortOptions = false,
        description = {
            "Live diagnostics for JVM services that speak gRPC.",
            "With no target it starts the embedded demo target (a gRPC service that leaks streams) and connects to it."
        },
        footer = {
            "",
            "Password: set STREAMSCOPE_JMX_PASSWORD for --user; passwords are never stored or taken as arguments.",
            "Shortcuts in the window: Ctrl+N connect, Ctrl+E export all charts, Ctrl+P pause/resume, Ctrl+W close tab."
        })
public final class LaunchOptions {

    /** Parses {@code 500ms}, {@code 1s}, {@code 5m}, {@code 1h}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = DurationText.parse(value);
            if (duration.isZero()) {
                throw new IllegalArgumentException("a duration of zero makes no sense here; try 1s");
            }
            return duration;
        }
    }

    /** Parses the trend window: a duration from 10 s to 1 h. */
    static final class TrendWindowConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration window = new DurationConverter().convert(value);
            if (!Settings.validTrendWindow(window)) {
                throw new TypeConversionException("the trend window must be from "
                        + DurationText.format(Settings.MIN_TREND_WINDOW) + " to "
                        + DurationText.format(Settings.MAX_TREND_WINDOW) + "; got \"" + value + "\"");
            }
            return window;
        }
    }

    /** Parses {@code live} or {@code all}. */
    static final class HistogramModeConverter implements ITypeConverter<HistogramMode> {
        @Override
        public HistogramMode convert(String value) {
            try {
                return HistogramMode.parse(value);
            } catch (IllegalArgumentException bad) {
                throw new TypeConversionException(bad.getMessage());
            }
        }
    }

    /** Parses the RPCs in flight, with the same message the connect dialog gives. */
    static final class MaxInFlightConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return TargetSpecs.maxInFlight(value);
            } catch (TargetProblem problem) {
                throw new TypeConversionException(problem.getMessage());
            }
        }
    }

    @Option(
            names = "--jmx",
            paramLabel = "ADDRESS",
            description = "A JVM to connect to: host:port of its JMX (RMI registry) port, or a service:jmx: URL."
                    + " Repeat for several targets.")
    List<String> jmx = new ArrayList<>();

    @Option(
            names = "--channelz",
            paramLabel = "HOST:PORT",
            description = "A gRPC server serving channelz. The first --channelz pairs with the first --jmx (one tab"
                    + " shows both), and so on; the rest are channelz-only targets.")
    List<String> channelz = new ArrayList<>();

    @Option(names = "--channelz-tls", description = "Speak TLS to the channelz servers.")
    boolean channelzTls;

    @Option(names = "--channelz-ca", paramLabel = "FILE", description = "PEM CA file to trust for channelz TLS.")
    String channelzCa = "";

    @Option(
            names = "--channelz-server-name",
            paramLabel = "NAME",
            description = "The name to expect in the channelz server's certificate instead of its host.")
    String channelzServerName = "";

    @Option(names = "--channelz-cert", paramLabel = "FILE", description = "PEM client certificate (mutual TLS).")
    String channelzCertificate = "";

    @Option(names = "--channelz-key", paramLabel = "FILE", description = "PEM PKCS#8 client key (mutual TLS).")
    String channelzKey = "";

    @Option(
            names = "--channelz-max-in-flight",
            paramLabel = "N",
            converter = MaxInFlightConverter.class,
            description = "At most N channelz RPCs at once while a refresh walks the tree of each --channelz target,"
                    + " 1 to "
                    + ChannelzTarget.MAX_IN_FLIGHT_LIMIT
                    + " (default: ${DEFAULT-VALUE}). Bounds the load a refresh puts on the target: lower it for a"
                    + " busy service, raise it to refresh a very large tree faster.")
    int channelzMaxInFlight = ChannelzTarget.DEFAULT_MAX_IN_FLIGHT;

    @Option(
            names = "--lifetime",
            paramLabel = "LIFETIME",
            description = "How long a stream may live before it is overdue: a default (--lifetime 60s) and"
                    + " per-method overrides (--lifetime /pkg.Service/Watch=1h). Repeatable; remembered.")
    List<String> lifetime = new ArrayList<>();

    @Option(names = "--demo", description = "Start the demo target too, next to the --jmx targets.")
    boolean demo;

    @Option(names = "--user", paramLabel = "NAME", description = "JMX user name for the --jmx targets.")
    String user;

    @Option(names = "--ssl", description = "Reach the --jmx targets' RMI registry over SSL.")
    boolean ssl;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Poll interval (default: the remembered setting, else 1s).")
    Duration interval;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Deadline for connecting (default 10s).")
    Duration connectTimeout;

    @Option(
            names = "--call-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Deadline for each remote call of a poll (default 5s).")
    Duration callTimeout;

    @Option(
            names = "--trend-window",
            paramLabel = "DURATION",
            converter = TrendWindowConverter.class,
            description = "Over how long open streams must climb steadily on a connection to count as growing, 10s to"
                    + " 1h (default: the remembered setting, else 60s); remembered.")
    Duration trendWindow;

    @Option(
            names = "--histogram",
            paramLabel = "live|all",
            converter = HistogramModeConverter.class,
            description = "With --headless: take a class histogram of each JVM target at the start and at the end."
                    + " 'all' counts every object, garbage too, without a GC; 'live' counts reachable objects only"
                    + " and forces a full GC on the target, twice.")
    HistogramMode histogram;

    @Option(
            names = "--headless",
            description = "Capture without a window: record the target for --duration, then write charts (PNG), data"
                    + " (CSV) and summary.json into --out. Exit status: 0 healthy, 3 overdue streams found, 2 no"
                    + " target reachable, 64 bad arguments.")
    boolean headless;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a --headless capture records (default 5m); Ctrl+C stops it early.")
    Duration duration;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where a --headless capture writes its files (created if missing). Files already there are"
                    + " kept: the capture goes into a new timestamped subfolder unless --force is given.")
    String out;

    @Option(names = "--force", description = "Let a --headless capture replace files already in --out.")
    boolean force;

    public List<String> jmxAddresses() {
        return List.copyOf(jmx);
    }

    /** The demo runs when asked for, and when no target was given at all. */
    public boolean startDemo() {
        return demo || (jmx.isEmpty() && channelz.isEmpty());
    }

    /**
     * The targets named on the command line: the n-th --jmx with the n-th --channelz, then whatever is left of
     * either alone.
     *
     * @param password for --user, or null
     */
    public List<TargetSpec> targets(char[] password) throws TargetProblem {
        TargetSpecs.ChannelzOptions channelzOptions = new TargetSpecs.ChannelzOptions(
                channelzTls,
                channelzCa,
                channelzServerName,
                channelzCertificate,
                channelzKey,
                Integer.toString(channelzMaxInFlight));
        List<TargetSpec> targets = new ArrayList<>();
        for (int i = 0; i < Math.max(jmx.size(), channelz.size()); i++) {
            String jvm = i < jmx.size() ? jmx.get(i) : "";
            String grpc = i < channelz.size() ? channelz.get(i) : "";
            targets.add(TargetSpecs.parse(jvm, user, password, ssl, grpc, channelzOptions));
        }
        return targets;
    }

    /**
     * The lifetimes given on the command line, or null when none were.
     *
     * @throws IllegalArgumentException with a message that names the bad value
     */
    public LifetimePolicy lifetime() {
        return lifetime.isEmpty() ? null : LifetimePolicy.parse(lifetime);
    }

    public String user() {
        return user;
    }

    public boolean ssl() {
        return ssl;
    }

    public Duration interval() {
        return interval;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public boolean headless() {
        return headless;
    }

    /** The --trend-window, or null when not given (then the remembered setting applies). */
    public Duration trendWindow() {
        return trendWindow;
    }

    /** The --histogram mode, or null when no histograms were asked for. */
    public HistogramMode histogram() {
        return histogram;
    }

    /** The --headless capture's length, or null when not given. */
    public Duration duration() {
        return duration;
    }

    /** The --out folder as typed, or null when not given. */
    public String out() {
        return out;
    }

    public boolean force() {
        return force;
    }

    /** The --lifetime values as typed, in order. */
    public List<String> lifetimes() {
        return List.copyOf(lifetime);
    }

    /** Whether the command line named any target (--jmx or --channelz). */
    public boolean hasTargets() {
        return !jmx.isEmpty() || !channelz.isEmpty();
    }
}
