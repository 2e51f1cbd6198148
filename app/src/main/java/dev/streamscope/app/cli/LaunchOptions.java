package dev.streamscope.app.cli;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Version;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.fleet.FleetMetrics;
import dev.streamscope.app.fleet.PrometheusEndpoint;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.streams.StreamGrowth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The command line: {@code ./streamscope [--jmx host:port]… [--demo] [--interval 1s] …}. */
@Command(
        name = "streamscope",
        mixinStandardHelpOptions = true,
        versionProvider = LaunchOptions.VersionProvider.class,
        sortOptions = false,
        description = {
            "Live diagnostics for JVM services that speak gRPC.",
            "With no target it starts the embedded demo target (a gRPC service that leaks streams) and connects to it."
        },
        footer = {
            "",
            "Environment:",
            "  STREAMSCOPE_JMX_PASSWORD  password for --user (never stored, never taken as an argument)",
            "  STREAMSCOPE_JOLOKIA_PASSWORD  password for --jolokia-user (never stored, never taken as an argument)",
            "  STREAMSCOPE_HOME          folder for settings.properties (default ~/.streamscope)",
            "  JAVA_HOME                 the JDK ./streamscope runs on (default: java on the PATH)",
            "  STREAMSCOPE_JAVA_OPTS     extra JVM options for ./streamscope, e.g. -Xmx2g",
            "",
            "Exit status: 0 healthy, 1 internal error, 2 no target reachable, 3 overdue streams,"
                    + " 4 open streams growing on a connection (none proven overdue),"
                    + " 5 a blocked event loop (--threads), 6 inconclusive (too short to prove growth or age),"
                    + " 64 bad arguments.",
            "",
            "Shortcuts in the window: Ctrl+N connect, Ctrl+O open a recording, Ctrl+S save the recording,"
                    + " Ctrl+B save an incident folder now,"
                    + " Ctrl+E export all charts, Ctrl+H heap histogram, Ctrl+T threads, Ctrl+L stream lifetimes,"
                    + " Ctrl+P pause/resume, Ctrl+1 to Ctrl+4 time window, Ctrl+W close tab, Ctrl+Q quit, F1 shortcuts;"
                    + " Ctrl+= and Ctrl+- text size (Ctrl+0 normal), View > Theme light, dark or the desktop's;"
                    + " right-click a chart to export it alone."
        })
public final class LaunchOptions {

    public static final Duration DEFAULT_TREND_WINDOW = StreamGrowth.DEFAULT_WINDOW;

    /** The environment variable that holds the password for --jolokia-user: never a flag, never stored. */
    public static final String JOLOKIA_PASSWORD = "STREAMSCOPE_JOLOKIA_PASSWORD";

    /**
     * How long one class histogram may take by default: a live one runs a full GC first, and walking a heap of tens of
     * GiB takes tens of seconds.
     */
    public static final Duration DEFAULT_HISTOGRAM_DEADLINE = Duration.ofSeconds(60);

    /** The version the build stamped in, for --version and -V. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.title()};
        }
    }

    /**
     * What to tell the user about a bad command line: {@code --interval: '9x' is not a duration (try 500ms, 1s, 2m)}
     * for a value our converters reject, picocli's own text otherwise.
     */
    public static String problem(ParameterException problem) {
        if (problem.getCause() instanceof TypeConversionException conversion
                && problem.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + ": " + conversion.getMessage();
        }
        return problem.getMessage();
    }

    @Option(
            names = "--jmx",
            paramLabel = "ADDRESS",
            description = "A JVM to connect to: host:port of its JMX (RMI registry) port, or a service:jmx: URL."
                    + " Repeat for several targets.")
    List<String> jmx = new ArrayList<>();

    @Option(
            names = "--jolokia",
            paramLabel = "URL",
            description =
                    "A JVM to connect to over HTTP through its Jolokia agent, e.g. http://127.0.0.1:8778/jolokia/."
                            + " Repeat for several targets; they follow the --jmx targets in pairing with --channelz.")
    List<String> jolokia = new ArrayList<>();

    @Option(names = "--jolokia-user", paramLabel = "NAME", description = "Basic-auth user for the --jolokia agents.")
    String jolokiaUser;

    @Option(
            names = "--jolokia-ca",
            paramLabel = "FILE",
            description = "PEM CA file to trust for https --jolokia agents (default: the JDK's trust store).")
    String jolokiaCa;

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
            converter = OptionConverters.MaxInFlightConverter.class,
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

    @Option(
            names = "--demo-leak-after",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description = "Let the demo target run healthy for DURATION before its leak starts (default: it leaks from"
                    + " the start): a leak that begins mid-run, to try --watch on.")
    Duration demoLeakAfter;

    @Option(names = "--user", paramLabel = "NAME", description = "JMX user name for the --jmx targets.")
    String user;

    @Option(names = "--ssl", description = "Reach the --jmx targets' RMI registry over SSL.")
    boolean ssl;

    @Option(
            names = "--no-tunnel-redirect",
            description = "Connect where the --jmx targets' RMI stubs say even when they name another host (by default"
                    + " those connections go to the address given, as through kubectl port-forward or ssh -L).")
    boolean noTunnelRedirect;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description = "Poll interval (default 1s; the window takes interval= from the settings file when set).")
    Duration interval;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description = "Deadline for connecting (default 10s; the window takes connectTimeout= from the settings"
                    + " file when set).")
    Duration connectTimeout;

    @Option(
            names = "--call-timeout",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description = "Deadline for each remote call of a poll (default 5s; the window takes callTimeout= from the"
                    + " settings file when set).")
    Duration callTimeout;

    @Option(
            names = "--trend-window",
            paramLabel = "DURATION",
            converter = OptionConverters.TrendWindowConverter.class,
            description = "Over how long open streams must climb steadily on a connection to count as growing, 10s to"
                    + " 1h (default: the remembered setting, else 60s); remembered.")
    Duration trendWindow;

    @Option(
            names = "--headless",
            description = "Capture without a window: record the target for --duration, then write charts (PNG), data"
                    + " (CSV) and summary.json into --out, a recording folder the window can --open again; with"
                    + " --demo it records the embedded demo target. The exit status (below) gives the verdict.")
    boolean headless;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
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

    @Option(
            names = "--histogram",
            paramLabel = "live|all",
            converter = OptionConverters.HistogramModeConverter.class,
            description = "Let a --headless capture of a JVM (--jmx or --demo) take a class histogram at the start"
                    + " and one at the end: histogram-start.csv, histogram-end.csv, and in summary.json the gRPC"
                    + " call and stream classes and the 20 classes that gained the most bytes. all counts every"
                    + " object, garbage too, without a GC; live counts reachable ones only and forces a full GC on"
                    + " the target first. A histogram that fails changes no exit status.")
    HistogramMode histogram;

    @Option(
            names = "--threads",
            description = "Let a --headless capture of a JVM (--jmx or --demo) dump its threads every 5 s and once at"
                    + " the end: threads-end.txt (as jstack prints one), threads.json (findings: blocked event loops,"
                    + " stuck blocking gRPC calls, saturated pools, deadlocks, with first and last seen), and threads"
                    + " in summary.json. Only a blocked event loop seen in 3 dumps in a row changes the exit status.")
    boolean threads;

    @Option(
            names = "--histogram-deadline",
            paramLabel = "DURATION",
            converter = OptionConverters.HistogramDeadlineConverter.class,
            description = "How long each --histogram may take, 1s to 30m (default 60s; a live one on a heap of tens"
                    + " of GiB may need more).")
    Duration histogramDeadline;

    @Option(
            names = "--watch",
            description = "With --headless: watch until Ctrl+C or SIGTERM instead of for --duration, keeping the last"
                    + " --keep of history; each --trigger that fires writes an incident folder into --out (a"
                    + " recording with class histograms, a thread dump and incident.json), watch.log gets a JSON line"
                    + " per event, stdout a progress line a minute.")
    boolean watch;

    @Option(
            names = "--keep",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description = "How much history a --watch keeps in memory, 1m to 24h (default 1h).")
    Duration keep;

    @Option(
            names = "--trigger",
            paramLabel = "KINDS",
            description = "What starts an incident in a --watch, comma-separated (default: all):"
                    + " growing (a connection's open streams climb), overdue (streams outlived their lifetime),"
                    + " live-set (old generation projected full within --full-within), threads (a blocked event"
                    + " loop, a stuck blocking call or a deadlock; dumps threads every 5 s).")
    String trigger;

    @Option(
            names = "--full-within",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description = "The live-set trigger fires when the old generation is projected full sooner (default 2h).")
    Duration fullWithin;

    @Option(
            names = "--after",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description = "How long an incident keeps recording after its trigger before its folder is written"
                    + " (default 5m; at most --keep).")
    Duration after;

    @Option(
            names = "--cooldown",
            paramLabel = "DURATION",
            converter = OptionConverters.DurationConverter.class,
            description =
                    "A trigger kind opens or joins at most one incident per DURATION (default 30m); a trigger that"
                            + " fires while an incident records joins its folder.")
    Duration cooldown;

    @Option(
            names = "--max-incidents",
            paramLabel = "N",
            description = "The most incident folders in --out (default 20); when reached, the oldest are kept and no"
                    + " new ones are written.")
    Integer maxIncidents;

    @Option(
            names = "--on-incident",
            paramLabel = "COMMAND",
            description = "Run COMMAND with each incident folder's path as its last argument (words split on spaces,"
                    + " no shell), under a 60 s deadline; its failure goes to watch.log and the watch goes on.")
    String onIncident;

    @Option(
            names = "--open",
            paramLabel = "DIR",
            description = "Open a recording folder (a --headless capture, or File → Save recording…) in a read-only"
                    + " tab. Repeatable.")
    List<String> open = new ArrayList<>();

    @Option(
            names = "--compare",
            arity = "2",
            paramLabel = "DIR",
            description = "Compare two recordings, BEFORE and AFTER: print heap, live set, GC, threads, CPU, streams"
                    + " and calls side by side with the change in percent; with --out also write compare.md and"
                    + " compare.json there. Needs no display.")
    List<String> compare = new ArrayList<>();

    /** The recording folders to open in the window. */
    public List<Path> recordingsToOpen() {
        return open.stream().map(Path::of).toList();
    }

    /** BEFORE and AFTER of --compare, or an empty list. */
    public List<Path> comparison() {
        return compare.stream().map(Path::of).toList();
    }

    @Option(
            names = "--prometheus",
            paramLabel = "URL",
            description = "A Prometheus server scraping the fleet (the jmx-bridge's metrics): opens the Fleet tab, or"
                    + " with --headless evaluates the fleet once and writes fleet.csv and fleet.json into --out."
                    + " Exit status: 3 an instance has overdue streams (proven by age, so 3 wins over 4), 4 an"
                    + " instance's open streams grow, 0 nothing wrong, 2 Prometheus cannot be read or no instance"
                    + " reports, 64 bad arguments. Token: STREAMSCOPE_PROMETHEUS_TOKEN.")
    String prometheus;

    @Option(
            names = "--prometheus-ca",
            paramLabel = "FILE",
            description = "PEM CA file to trust for an https Prometheus.")
    String prometheusCa = "";

    @Option(
            names = "--prometheus-user",
            paramLabel = "NAME",
            description = "Basic-auth user for Prometheus; the password comes from STREAMSCOPE_PROMETHEUS_PASSWORD.")
    String prometheusUser = "";

    @Option(
            names = "--fleet-jmx",
            paramLabel = "TEMPLATE",
            description = "The JMX address of a fleet instance from its labels, e.g. '{host}:9010' or '{pod_ip}:9010'.")
    String fleetJmx;

    @Option(
            names = "--fleet-channelz",
            paramLabel = "TEMPLATE",
            description = "The channelz address of a fleet instance from its labels, e.g. '{host}:50051'.")
    String fleetChannelz;

    @Option(
            names = "--fleet-metrics",
            paramLabel = "NAMES",
            description = "Metric names where a fleet renamed them, e.g. 'open=my_open;overdue=my_overdue;oldest=…;"
                    + "heapUsed=a,b;heapMax=a,b' (default: the jmx-bridge's names; remembered).")
    String fleetMetrics;

    /** How long the demo runs healthy before it leaks: zero when --demo-leak-after was not given. */
    public Duration demoLeakAfter() {
        return demoLeakAfter == null ? Duration.ZERO : demoLeakAfter;
    }

    public List<String> jmxAddresses() {
        return List.copyOf(jmx);
    }

    /** Whether --demo was given (the window also starts the demo when no target was given at all). */
    public boolean demoRequested() {
        return demo;
    }

    /** The demo runs when asked for, and when no target no recording and no fleet was given at all. */
    public boolean startDemo() {
        return demo
                || (jmx.isEmpty() && jolokia.isEmpty() && channelz.isEmpty() && open.isEmpty() && prometheus == null);
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
        int jvms = jmx.size() + jolokia.size();
        String jolokiaPassword = System.getenv(JOLOKIA_PASSWORD);
        for (int i = 0; i < Math.max(jvms, channelz.size()); i++) {
            String grpc = i < channelz.size() ? channelz.get(i) : "";
            if (i >= jmx.size() && i < jvms) {
                targets.add(TargetSpecs.jolokia(
                        jolokia.get(i - jmx.size()),
                        jolokiaUser,
                        jolokiaPassword == null ? null : jolokiaPassword.toCharArray(),
                        jolokiaCa,
                        grpc,
                        channelzOptions));
            } else {
                String jvm = i < jmx.size() ? jmx.get(i) : "";
                targets.add(TargetSpecs.parse(jvm, user, password, ssl, grpc, channelzOptions)
                        .withTunnelRedirect(!noTunnelRedirect));
            }
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

    /** Whether --watch was given. */
    public boolean watch() {
        return watch;
    }

    /** The --keep, or null when not given. */
    public Duration keep() {
        return keep;
    }

    /** The --trigger text, or null when not given. */
    public String trigger() {
        return trigger;
    }

    /** The --full-within, or null when not given. */
    public Duration fullWithin() {
        return fullWithin;
    }

    /** The --after, or null when not given. */
    public Duration after() {
        return after;
    }

    /** The --cooldown, or null when not given. */
    public Duration cooldown() {
        return cooldown;
    }

    /** The --max-incidents, or null when not given. */
    public Integer maxIncidents() {
        return maxIncidents;
    }

    /** The --on-incident command, or null when not given. */
    public String onIncident() {
        return onIncident;
    }

    /** Whether --threads was given. */
    public boolean threads() {
        return threads;
    }

    /** The --histogram mode, or null when not given. */
    public HistogramMode histogram() {
        return histogram;
    }

    /** The --histogram-deadline, or null when not given. */
    public Duration histogramDeadline() {
        return histogramDeadline;
    }

    /** The --lifetime values as typed, in order. */
    public List<String> lifetimes() {
        return List.copyOf(lifetime);
    }

    /** The --trend-window, 60 s when not given. */
    public Duration trendWindowOrDefault() {
        return trendWindow == null ? DEFAULT_TREND_WINDOW : trendWindow;
    }

    /** The --prometheus URL as typed, or null when not given. */
    public String prometheus() {
        return prometheus;
    }

    /**
     * The Prometheus to read the fleet from, with secrets from {@code environment}.
     *
     * @throws IllegalArgumentException when the URL is not an http(s) URL
     */
    public PrometheusEndpoint prometheusEndpoint(Map<String, String> environment) {
        return PrometheusEndpoint.of(prometheus, prometheusCa, prometheusUser, environment);
    }

    public String prometheusCa() {
        return prometheusCa;
    }

    public String prometheusUser() {
        return prometheusUser;
    }

    /** The --fleet-jmx template, or null when not given. */
    public String fleetJmx() {
        return fleetJmx;
    }

    /** The --fleet-channelz template, or null when not given. */
    public String fleetChannelz() {
        return fleetChannelz;
    }

    /**
     * The --fleet-metrics names, or null when not given.
     *
     * @throws IllegalArgumentException naming a bad entry
     */
    public FleetMetrics fleetMetrics() {
        return fleetMetrics == null ? null : FleetMetrics.parse(fleetMetrics);
    }

    /** Whether the command line named any target (--jmx, --jolokia or --channelz). */
    public boolean hasTargets() {
        return !jmx.isEmpty() || !jolokia.isEmpty() || !channelz.isEmpty();
    }
}
