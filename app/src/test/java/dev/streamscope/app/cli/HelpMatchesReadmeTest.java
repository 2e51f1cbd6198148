package dev.streamscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README with its pages in docs/ and --help tell a user the same things: they drifted apart once, unnoticed. Each
 * option is listed on its capability's page (docs/connecting.md, docs/headless.md, …), so the pages are read as one.
 */
class HelpMatchesReadmeTest {

    /** The jmx-bridge's page documents a library inside the service: its settings are no options of this command. */
    private static final Set<String> NOT_ABOUT_THE_COMMAND_LINE = Set.of("bridge.md");

    private static final Pattern ENVIRONMENT = Pattern.compile("\\b(STREAMSCOPE_[A-Z_]+|JAVA_HOME)\\b");
    private static final Pattern SHORTCUT = Pattern.compile("\\b(Ctrl\\+(?:[A-Z0-9]\\b|[=-])|F1\\b)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][a-z-]*)");
    private static final Pattern EXIT_STATUS = Pattern.compile("Exit status: ([^.]+)\\.");

    private static String manual;
    private static String help;

    @BeforeAll
    static void read() throws Exception {
        Path root = Path.of(System.getProperty("basedir", "."), "..");
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(page -> page.getFileName().toString().endsWith(".md"))
                    .filter(page -> !NOT_ABOUT_THE_COMMAND_LINE.contains(
                            page.getFileName().toString()))
                    .sorted()
                    .forEach(pages::add);
        }
        StringBuilder text = new StringBuilder();
        for (Path page : pages) {
            text.append(Files.readString(page)).append('\n');
        }
        manual = text.toString();
        help = new CommandLine(new LaunchOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void theManualsOptionTablesListEveryOptionAndNoOther() {
        Set<String> inHelp = new CommandLine(new LaunchOptions())
                .getCommandSpec().options().stream()
                        .flatMap(option -> Set.of(option.names()).stream())
                        .collect(Collectors.toCollection(TreeSet::new));
        // first cells of the option tables: | `--jmx ADDRESS` | …
        Set<String> inManual = manual.lines()
                .filter(line -> line.startsWith("| `-"))
                .map(line -> line.substring(2, line.indexOf(" |", 2)))
                .flatMap(cell -> all(OPTION, cell).stream())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(inManual).isEqualTo(inHelp);
    }

    @Test
    void bothNameTheSameEnvironmentVariablesShortcutsAndExitStatuses() {
        assertThat(all(ENVIRONMENT, manual)).isEqualTo(all(ENVIRONMENT, help)).contains("STREAMSCOPE_HOME");
        assertThat(all(SHORTCUT, manual)).isEqualTo(all(SHORTCUT, help)).contains("Ctrl+N", "Ctrl+=", "Ctrl+-", "F1");
        assertThat(all(EXIT_STATUS, flat(manual)))
                .isEqualTo(all(EXIT_STATUS, flat(help)))
                .hasSize(2); // the capture's and the fleet evaluation's
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
