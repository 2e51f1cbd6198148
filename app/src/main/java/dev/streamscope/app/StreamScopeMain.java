package dev.streamscope.app;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.capture.CompareCommand;
import dev.streamscope.app.capture.HeadlessCapture;
import dev.streamscope.app.capture.WatchCommand;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.fleetcli.FleetCommand;
import dev.streamscope.app.ui.main.StreamScopeApp;
import java.util.Map;
import picocli.CommandLine;

/** Parses the command line, then opens the window, or runs a headless capture with no window at all. */
public final class StreamScopeMain {

    /** Exit status for bad arguments (EX_USAGE from sysexits.h), so scripts can tell it from a failure. */
    public static final int EXIT_USAGE = 64;

    private StreamScopeMain() {}

    public static void main(String[] args) {
        LaunchOptions options = new LaunchOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("streamscope: " + LaunchOptions.problem(e));
            e.getCommandLine().usage(System.err);
            System.exit(EXIT_USAGE);
            return;
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(System.out);
            return;
        }
        if (!options.comparison().isEmpty()) {
            System.exit(CompareCommand.run(
                    options.comparison().get(0), options.comparison().get(1), options.out(), System.out, System.err));
            return;
        }
        if (options.headless() && options.prometheus() != null) {
            System.exit(FleetCommand.run(options, System.getenv(), System.err));
            return;
        }
        String misplaced = WatchCommand.misplaced(options);
        if (misplaced == null && options.watch() && !options.headless()) {
            misplaced = "--watch runs without a window: add --headless.";
        }
        if (misplaced != null) {
            System.err.println("streamscope: " + misplaced);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.headless() && options.watch()) {
            System.exit(WatchCommand.run(options, System.out, System.err));
            return;
        }
        if (options.headless()) {
            // no JavaFX class is loaded on this path: only the window's branch below names the ui package
            System.exit(HeadlessCapture.runFromCommandLine(options, System.err));
            return;
        }
        try {
            // addresses and lifetimes are checked before any window opens: a typo is a usage error
            options.targets(null);
            options.lifetime();
            options.fleetMetrics();
            if (options.histogram() != null || options.histogramDeadline() != null) {
                throw new IllegalArgumentException("--histogram and --histogram-deadline are for a --headless capture"
                        + " of a JVM (--jmx or --demo); the window takes histograms from the target's tab.");
            }
            if (options.prometheus() != null) {
                options.prometheusEndpoint(Map.of());
            }
        } catch (TargetProblem | IllegalArgumentException problem) {
            System.err.println("streamscope: " + problem.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        openWindow(options);
    }

    private static void openWindow(LaunchOptions options) {
        StreamScopeApp.launchWith(options);
    }
}
