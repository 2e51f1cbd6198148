package dev.streamscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.Version;
import dev.streamscope.app.session.TargetSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LaunchOptionsTest {

    @Test
    void channelzRpcsInFlightDefaultTo128() throws Exception {
        List<TargetSpec> targets = parse("--channelz", "a:50051").targets(null);

        assertThat(targets.get(0).channelz().maxInFlight()).isEqualTo(128);
    }

    @Test
    void channelzRpcsInFlightApplyToEveryChannelzTarget() throws Exception {
        List<TargetSpec> targets = parse(
                        "--jmx",
                        "a:9010",
                        "--jmx",
                        "c:9010",
                        "--jmx",
                        "d:9010",
                        "--channelz",
                        "a:50051",
                        "--channelz",
                        "b:50051",
                        "--channelz-max-in-flight",
                        "16")
                .targets(null);

        assertThat(targets)
                .extracting(TargetSpec::channelz)
                .extracting(channelz -> channelz == null ? null : channelz.maxInFlight())
                .containsExactly(16, 16, null);
    }

    @Test
    void badChannelzRpcsInFlightAreUsageErrorsThatNameTheRange() {
        for (String bad : List.of("abc", "0", "1025")) {
            assertThatThrownBy(() -> parse("--channelz", "a:50051", "--channelz-max-in-flight", bad))
                    .isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("--channelz-max-in-flight")
                    .hasMessageContaining("must be a whole number from 1 to 1024; got \"" + bad + "\"");
        }
    }

    @Test
    void helpExplainsTheRpcsInFlightAndTheirDefault() {
        String usage = new CommandLine(new LaunchOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage.replaceAll("\\s+", " "))
                .contains("--channelz-max-in-flight=N")
                .contains("(default: 128)")
                .contains("Bounds the load a refresh puts on the target");
    }

    @Test
    void aBadDurationSaysWhichOptionAndWhatToWrite() {
        assertThat(problemWith("--interval", "9x")).isEqualTo("--interval: '9x' is not a duration (try 500ms, 1s, 2m)");
        assertThat(problemWith("--duration", "9999999999999999h"))
                .isEqualTo("--duration: '9999999999999999h' is too long a duration (try 500ms, 1s, 2m)");
        assertThat(problemWith("--call-timeout", "0s"))
                .isEqualTo("--call-timeout: a duration of zero makes no sense here; try 1s");
        assertThat(problemWith("--connect-timeout", "-1s")).startsWith("--connect-timeout: '-1s' is not a duration");
    }

    @Test
    void goodDurationsAndOtherMistakesKeepTheirOwnWords() {
        assertThat(parse("--interval", "500ms", "--duration", "2m").interval()).hasMillis(500);
        assertThat(problemWith("--interval"))
                .contains("Missing required parameter")
                .contains("--interval");
        assertThat(problemWith("--no-such-option")).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void versionIsTheBuildsVersionUnderBothNames() {
        for (String option : List.of("--version", "-V")) {
            CommandLine commandLine = new CommandLine(new LaunchOptions());
            commandLine.parseArgs(option);
            StringWriter printed = new StringWriter();
            commandLine.printVersionHelp(new PrintWriter(printed));

            assertThat(commandLine.isVersionHelpRequested()).isTrue();
            assertThat(printed.toString().strip()).isEqualTo("StreamScope " + Version.current());
        }
    }

    private static String problemWith(String... arguments) {
        try {
            parse(arguments);
        } catch (CommandLine.ParameterException problem) {
            return LaunchOptions.problem(problem);
        }
        throw new AssertionError("accepted " + List.of(arguments));
    }

    @Test
    void trendWindowIsADurationWithinBoundsAndAbsentUnlessGiven() {
        assertThat(parse("--trend-window", "90s").trendWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(parse().trendWindow()).isNull();
        for (String bad : List.of("5s", "2h", "soon")) {
            assertThatThrownBy(() -> parse("--trend-window", bad))
                    .isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("--trend-window");
        }
        assertThatThrownBy(() -> parse("--trend-window", "5s")).hasMessageContaining("from 10s to 1h; got \"5s\"");
    }

    @Test
    void helpExplainsTheTrendWindow() {
        String usage = new CommandLine(new LaunchOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage.replaceAll("\\s+", " "))
                .contains("--trend-window=DURATION")
                .contains("10s to 1h (default: the remembered setting, else 60s)");
    }

    private static LaunchOptions parse(String... arguments) {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options).parseArgs(arguments);
        return options;
    }
}
