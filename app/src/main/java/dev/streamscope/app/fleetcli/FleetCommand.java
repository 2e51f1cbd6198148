package dev.streamscope.app.fleetcli;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.fleet.FleetMetrics;
import dev.streamscope.app.fleet.FleetPoller;
import dev.streamscope.app.fleet.FleetRow;
import dev.streamscope.app.fleet.FleetSnapshot;
import dev.streamscope.app.fleet.PrometheusEndpoint;
import dev.streamscope.app.fleet.PrometheusProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code streamscope --headless --prometheus URL --out DIR}: evaluates the fleet once and writes {@code fleet.csv} and
 * {@code fleet.json}. Exit status: 3 when an instance has overdue streams (proven by age, so it wins over growth), else
 * 4 when an instance's open streams grow, else 0; 2 when Prometheus cannot be read or no instance reports; 64 bad
 * arguments. Loads no JavaFX class.
 */
public final class FleetCommand {

    public static final int EXIT_HEALTHY = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_UNREADABLE = 2;
    public static final int EXIT_OVERDUE = 3;
    public static final int EXIT_GROWING = 4;
    public static final int EXIT_USAGE = 64;

    private FleetCommand() {}

    /** Runs the evaluation; progress and problems go to {@code err}. */
    public static int run(LaunchOptions options, Map<String, String> environment, PrintStream err) {
        PrometheusEndpoint endpoint;
        FleetMetrics metrics;
        if (options.out() == null) {
            err.println("streamscope: --headless --prometheus needs --out DIR for fleet.csv and fleet.json");
            return EXIT_USAGE;
        }
        if (options.hasTargets() || options.demoRequested() || options.histogram() != null) {
            // a fleet run reads Prometheus only: a target or histogram it would silently ignore is a mistake to say
            err.println("streamscope: --headless --prometheus evaluates the fleet from Prometheus only; capture one"
                    + " instance in a run of its own (--headless --jmx …, with --histogram if wanted).");
            return EXIT_USAGE;
        }
        try {
            endpoint = options.prometheusEndpoint(environment);
            metrics = options.fleetMetrics() == null ? FleetMetrics.DEFAULTS : options.fleetMetrics();
        } catch (IllegalArgumentException problem) {
            err.println("streamscope: " + problem.getMessage());
            return EXIT_USAGE;
        }
        FleetSnapshot fleet;
        try {
            FleetPoller poller =
                    new FleetPoller(options.trendWindowOrDefault(), options.connectTimeout(), options.callTimeout());
            fleet = poller.evaluate(endpoint, metrics);
        } catch (PrometheusProblem problem) {
            err.println("streamscope: " + problem.getMessage());
            return EXIT_UNREADABLE;
        }
        try {
            Path folder = outputFolder(Path.of(options.out()), options.force());
            FleetFiles.write(fleet, endpoint.url().toString(), folder);
            err.println(describe(fleet) + "; wrote " + folder.resolve(FleetFiles.CSV) + " and "
                    + folder.resolve(FleetFiles.JSON));
        } catch (IOException e) {
            err.println("streamscope: cannot write into " + options.out() + ": " + e.getMessage());
            return EXIT_INTERNAL;
        }
        return fleet.anyOverdue() ? EXIT_OVERDUE : fleet.anyGrowing() ? EXIT_GROWING : EXIT_HEALTHY;
    }

    private static String describe(FleetSnapshot fleet) {
        long growing = fleet.rows().stream().filter(FleetRow::grows).count();
        long overdue = fleet.rows().stream().filter(FleetRow::hasOverdue).count();
        String text = "fleet: " + fleet.rows().size() + " instances, " + overdue + " with overdue streams, " + growing
                + " growing over " + DurationText.format(fleet.trendWindow()) + " (" + fleet.queries() + " queries, "
                + fleet.took().toMillis() + " ms)";
        if (fleet.omitted() > 0) {
            text += ", " + fleet.omitted() + " least bad instances left out";
        }
        FleetRow worst = fleet.rows().get(0);
        if (worst.hasOverdue() || worst.grows()) {
            text += "; worst " + worst.instance();
        }
        return text;
    }

    // an earlier evaluation is never overwritten unless asked: the new one goes beside it
    private static Path outputFolder(Path out, boolean force) {
        if (force || !Files.exists(out.resolve(FleetFiles.JSON)) && !Files.exists(out.resolve(FleetFiles.CSV))) {
            return out;
        }
        return out.resolve("fleet-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
