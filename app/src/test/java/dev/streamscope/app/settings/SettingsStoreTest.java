package dev.streamscope.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.chart.TimeWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsStoreTest {

    @TempDir
    Path home;

    @Test
    void missingFileGivesDefaults() {
        assertThat(new SettingsStore(home).load()).isEqualTo(Settings.DEFAULTS);
    }

    @Test
    void remembersRecentConnectionsWindowAndExportButNeverPasswords() throws Exception {
        SettingsStore store = new SettingsStore(home);
        Settings settings = Settings.DEFAULTS
                .withRecent(new RecentConnection("db-1:9010", "ops", true))
                .withRecent(new RecentConnection("api-7:9010", "", false))
                .withWindow("1h")
                .withExport(1200, 700, "/tmp/shots");
        store.save(settings);

        Settings loaded = new SettingsStore(home).load();

        assertThat(loaded).isEqualTo(settings);
        assertThat(loaded.recent()).extracting(RecentConnection::address).containsExactly("api-7:9010", "db-1:9010");
        java.util.Properties saved = new java.util.Properties();
        try (var reader = Files.newBufferedReader(store.file())) {
            saved.load(reader);
        }
        assertThat(saved.stringPropertyNames())
                .noneMatch(key -> key.toLowerCase().contains("password"));
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(store.file()); // no temp file left behind
        }
    }

    @Test
    void remembersTheChannelzSideOfARecentConnection() throws Exception {
        SettingsStore store = new SettingsStore(home);
        RecentConnection gentle = new RecentConnection(
                "", "", false, new RecentChannelz("go-svc:50051", true, "/etc/ca.pem", "go.internal", "", "", 8));
        RecentConnection mutual = new RecentConnection(
                "",
                "",
                false,
                new RecentChannelz("pay:443", true, "ca.pem", "", "/home/ops/client.pem", "/home/ops/client.key", 128));
        RecentConnection both = new RecentConnection(
                "api-7:9010", "ops", false, new RecentChannelz("api-7:50051", false, "", "", "", "", 1024));
        Settings settings =
                Settings.DEFAULTS.withRecent(gentle).withRecent(mutual).withRecent(both);
        store.save(settings);

        Settings loaded = new SettingsStore(home).load();

        assertThat(loaded.recent()).containsExactly(both, mutual, gentle);
        assertThat(gentle.label()).isEqualTo("channelz go-svc:50051 (TLS, 8 RPCs in flight)");
        assertThat(mutual.label()).isEqualTo("channelz pay:443 (mTLS)");
    }

    @Test
    void aFileFromBeforeRpcsInFlightWereRememberedReadsAs128() throws Exception {
        Files.writeString(home.resolve("settings.properties"), """
                recent.0.address=api-7:9010
                recent.0.user=ops
                recent.0.ssl=false
                recent.0.channelz=api-7:50051
                recent.0.channelzTls=true
                recent.1.channelz=go-svc:50051
                recent.1.channelzMaxInFlight=0
                recent.2.channelz=cpp-svc:50051
                recent.2.channelzMaxInFlight=many
                """);

        Settings loaded = new SettingsStore(home).load();

        assertThat(loaded.recent())
                .containsExactly(
                        new RecentConnection(
                                "api-7:9010",
                                "ops",
                                false,
                                new RecentChannelz("api-7:50051", true, "", "", "", "", 128)),
                        new RecentConnection(
                                "", "", false, new RecentChannelz("go-svc:50051", false, "", "", "", "", 128)),
                        new RecentConnection(
                                "", "", false, new RecentChannelz("cpp-svc:50051", false, "", "", "", "", 128)));
        assertThat(loaded.recent().get(0).label()).isEqualTo("ops @ api-7:9010 + channelz api-7:50051 (TLS)");
    }

    @Test
    void theTunnelRedirectOfARecentConnectionIsRememberedAndOnInFilesFromBefore() throws Exception {
        RecentConnection asNamed = new RecentConnection("10.0.0.5:9010", "", false, RecentChannelz.NONE, false, "");
        new SettingsStore(home).save(Settings.DEFAULTS.withRecent(asNamed));

        assertThat(new SettingsStore(home).load().recent()).containsExactly(asNamed);
        assertThat(asNamed.label()).contains("(RMI as named)");

        Files.writeString(home.resolve("settings.properties"), """
                recent.0.address=api-7:9010
                recent.0.user=ops
                recent.0.ssl=false
                """);
        assertThat(new SettingsStore(home).load().recent())
                .singleElement()
                .satisfies(before -> assertThat(before.tunnelRedirect()).isTrue());
    }

    @Test
    void theJolokiaCaFileOfARecentConnectionIsRemembered() throws Exception {
        RecentConnection overHttps = new RecentConnection(
                "https://api-7:8778/jolokia/", "ops", false, RecentChannelz.NONE, true, "/etc/agent-ca.pem");
        new SettingsStore(home).save(Settings.DEFAULTS.withRecent(overHttps));

        assertThat(new SettingsStore(home).load().recent()).containsExactly(overHttps);
    }

    @Test
    void tlsFilesAreForgottenWhenTlsWasOff() {
        RecentChannelz plaintext =
                new RecentChannelz("svc:50051", false, "ca.pem", "svc.internal", "c.pem", "k.pem", 64);

        assertThat(plaintext.caFile()).isEmpty();
        assertThat(plaintext.serverName()).isEmpty();
        assertThat(plaintext.certificateFile()).isEmpty();
        assertThat(plaintext.keyFile()).isEmpty();
    }

    @Test
    void reconnectingToARecentTargetMovesItFirstWithoutDuplicates() {
        Settings settings = Settings.DEFAULTS;
        for (int i = 0; i < 15; i++) {
            settings = settings.withRecent(new RecentConnection("host-" + i + ":1", "", false));
        }
        settings = settings.withRecent(new RecentConnection("host-10:1", "", false));

        assertThat(settings.recent()).hasSize(Settings.MAX_RECENT);
        assertThat(settings.recent().get(0).address()).isEqualTo("host-10:1");
        assertThat(settings.recent())
                .filteredOn(r -> r.address().equals("host-10:1"))
                .hasSize(1);
    }

    @Test
    void damagedValuesFallBackToDefaultsInsteadOfStoppingTheApp() throws Exception {
        Files.writeString(
                home.resolve("settings.properties"),
                "interval=often\nexport.width=-3\nrecent.0.address=a:1\ncallTimeout=2s\n");

        Settings loaded = new SettingsStore(home).load();

        assertThat(loaded.interval()).isEqualTo(Settings.DEFAULTS.interval());
        assertThat(loaded.exportWidth()).isEqualTo(Settings.DEFAULTS.exportWidth());
        assertThat(loaded.callTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(loaded.recent()).containsExactly(new RecentConnection("a:1", "", false));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "interval|9999999999999999h",
                "interval|-1s",
                "interval|often",
                "interval|0s",
                "interval|25h",
                "connectTimeout|9999999999999999h",
                "connectTimeout|-10s",
                "connectTimeout|soon",
                "callTimeout|99999999999999999999ms",
                "callTimeout|-5s",
                "callTimeout|5 seconds",
                "window|9999999999999999h",
                "window|-5m",
                "window|forever",
                "export.width|9999999999999999",
                "export.width|-3",
                "export.width|wide",
                "export.width|100000",
                "export.height|9999999999999999",
                "export.height|-900",
                "export.height|tall",
                "export.folder|/tmp/a\0b", // a NUL, which no path may hold
                "lifetime|9999999999999999h",
                "lifetime|-60s",
                "lifetime|forever",
                "theme|9999999999999999h",
                "theme|-1",
                "theme|purple",
                "fontScale|9999999999999999",
                "fontScale|-120",
                "fontScale|huge",
                "fontScale|50",
                "fontScale|250",
            })
    void aDamagedValueIsIgnoredWithAWarningAndItsDefaultUsed(String key, String value) throws Exception {
        Files.writeString(home.resolve("settings.properties"), key + "=" + value + "\n");
        List<String> warnings = new ArrayList<>();

        Settings loaded = new SettingsStore(home, warnings::add).load();

        assertThat(loaded).isEqualTo(Settings.DEFAULTS);
        assertThat(warnings)
                .singleElement()
                .asString()
                .startsWith("ignoring " + key + "=" + value + " in ")
                .contains("; using ");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ssl|yes",
                "channelzTls|maybe",
                "channelzMaxInFlight|9999999999999999",
                "channelzMaxInFlight|-5",
                "channelzMaxInFlight|many",
            })
    void aDamagedValueOfARecentConnectionKeepsTheConnectionWithTheDefault(String key, String value) throws Exception {
        Files.writeString(
                home.resolve("settings.properties"),
                "recent.0.address=a:1\nrecent.0.channelz=a:2\nrecent.0." + key + "=" + value + "\n");
        List<String> warnings = new ArrayList<>();

        Settings loaded = new SettingsStore(home, warnings::add).load();

        assertThat(loaded.recent())
                .containsExactly(
                        new RecentConnection("a:1", "", false, new RecentChannelz("a:2", false, "", "", "", "", 128)));
        assertThat(warnings).singleElement().asString().startsWith("ignoring recent.0." + key + "=" + value);
    }

    @Test
    void whatTheAppSavedLoadsBackWithoutAWarning() throws Exception {
        SettingsStore store = new SettingsStore(home, warning -> {
            throw new AssertionError("unexpected warning: " + warning);
        });
        Settings settings = new Settings(
                List.of(new RecentConnection(
                        "api-7:9010",
                        "ops",
                        true,
                        new RecentChannelz("api-7:50051", true, "ca.pem", "", "", "", 1024))),
                Duration.ofMillis(250),
                Duration.ofHours(24),
                Duration.ofMillis(1),
                "all",
                16_384,
                1,
                "/tmp/shots",
                "90s, /pkg.Service/Watch=1h",
                Duration.ofMinutes(5),
                "dark",
                130);
        store.save(settings);

        assertThat(store.load()).isEqualTo(settings);
    }

    @Test
    void anUnreadableFileGivesTheDefaultsWithAWarning() throws Exception {
        Files.writeString(home.resolve("settings.properties"), "interval=\\u00zz\n");
        List<String> warnings = new ArrayList<>();

        assertThat(new SettingsStore(home, warnings::add).load()).isEqualTo(Settings.DEFAULTS);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("is unreadable")
                .contains("default settings");
    }

    @Test
    void windowsASettingsFileMayNameAreTheChartTimeWindows() {
        assertThat(Settings.WINDOWS)
                .containsExactlyElementsOf(
                        Arrays.stream(TimeWindow.values()).map(TimeWindow::id).toList());
    }

    @Test
    void remembersTheTrendWindowAndIgnoresOneOutOfBounds() throws Exception {
        SettingsStore store = new SettingsStore(home);
        store.save(Settings.DEFAULTS.withTrendWindow(Duration.ofMinutes(5)));

        assertThat(new SettingsStore(home).load().trendWindow()).isEqualTo(Duration.ofMinutes(5));

        Files.writeString(home.resolve("settings.properties"), "trendWindow=2s\n");
        assertThat(new SettingsStore(home).load().trendWindow()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void remembersTheLookAndTextSize() throws Exception {
        assertThat(Settings.DEFAULTS.theme()).isEqualTo("desktop");
        assertThat(Settings.DEFAULTS.fontScale()).isEqualTo(100);
        new SettingsStore(home).save(Settings.DEFAULTS.withLook("dark", 140));

        Settings loaded = new SettingsStore(home).load();

        assertThat(loaded.theme()).isEqualTo("dark");
        assertThat(loaded.fontScale()).isEqualTo(140);
    }
}
