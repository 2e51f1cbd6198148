package dev.streamscope.app.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.jolokia.JolokiaTarget;
import dev.streamscope.app.jmx.transport.JvmTarget;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.settings.RecentChannelz;
import dev.streamscope.app.settings.RecentConnection;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.SameThreadTasks;
import dev.streamscope.app.ui.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connect dialog's form without a window: what a user typed, what it says back, what a recent entry fills in. */
class ConnectViewModelTest {

    private static final TaskRunner SAME_THREAD = SameThreadTasks.INSTANCE;

    @TempDir
    Path home;

    @Test
    void rpcsInFlightStartAt128() {
        ConnectViewModel form = form();

        assertThat(form.maxInFlightProperty().get()).isEqualTo("128");
    }

    @Test
    void badRpcsInFlightSayTheRangeAndKeepEverythingTyped() {
        ConnectViewModel form = form();
        form.channelzAddressProperty().set("127.0.0.1:50051");
        form.channelzTlsProperty().set(true);
        form.caFileProperty().set("ca.pem");
        form.maxInFlightProperty().set("lots");

        form.connect();

        assertThat(form.messageKindProperty().get()).isEqualTo(ConnectViewModel.MessageKind.ERROR);
        assertThat(form.messageProperty().get()).contains("from 1 to 1024; got \"lots\"");
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(form.connectedProperty().get()).isNull();
        assertThat(form.maxInFlightProperty().get()).isEqualTo("lots");
        assertThat(form.channelzAddressProperty().get()).isEqualTo("127.0.0.1:50051");
        assertThat(form.caFileProperty().get()).isEqualTo("ca.pem");
    }

    @Test
    void aRecentConnectionBringsBackItsTlsFilesAndRpcsInFlight() throws Exception {
        RecentConnection gentle =
                new RecentConnection("", "", false, new RecentChannelz("go-svc:50051", false, "", "", "", "", 8));
        RecentConnection usual = new RecentConnection(
                "api-7:9010",
                "ops",
                false,
                new RecentChannelz("api-7:50051", true, "/etc/ca.pem", "api.internal", "me.pem", "me.key", 128));
        new SettingsStore(home).save(Settings.DEFAULTS.withRecent(usual).withRecent(gentle));

        ConnectViewModel form = form();

        assertThat(form.channelzAddressProperty().get()).isEqualTo("go-svc:50051");
        assertThat(form.maxInFlightProperty().get()).isEqualTo("8");
        form.useRecent(usual);
        assertThat(form.maxInFlightProperty().get()).isEqualTo("128");
        assertThat(form.channelzTlsProperty().get()).isTrue();
        assertThat(form.caFileProperty().get()).isEqualTo("/etc/ca.pem");
        assertThat(form.serverNameProperty().get()).isEqualTo("api.internal");
        assertThat(form.certificateFileProperty().get()).isEqualTo("me.pem");
        assertThat(form.keyFileProperty().get()).isEqualTo("me.key");

        form.useRecent(new RecentConnection(
                "https://api-7:8778/jolokia/", "ops", false, RecentChannelz.NONE, true, "/etc/agent-ca.pem"));
        assertThat(form.jolokiaTlsProperty().get()).isTrue();
        assertThat(form.jolokiaCaFileProperty().get()).isEqualTo("/etc/agent-ca.pem");
    }

    @Test
    void aJolokiaUrlConnectsOverHttpWithTheUserPasswordAndCaFileTyped() {
        List<JvmTarget> reached = new CopyOnWriteArrayList<>();
        ConnectViewModel form = form((target, timeouts) -> {
            reached.add(target);
            // a real agent is connected to in JolokiaConnectionTest: here only what the form asks for matters
            throw new TargetProblem(TargetProblem.Kind.CONNECTION_REFUSED, "nothing listens in this test");
        });
        form.addressProperty().set("https://api-7:8778/jolokia/");
        form.userProperty().set("ops");
        form.passwordProperty().set("pw");
        form.jolokiaCaFileProperty().set("/etc/agent-ca.pem");

        assertThat(form.jolokiaProperty().get()).isTrue();
        assertThat(form.jolokiaTlsProperty().get()).isTrue();
        form.connect();

        await().atMost(Duration.ofSeconds(30)).until(() -> !reached.isEmpty());
        assertThat(reached.get(0)).isInstanceOfSatisfying(JolokiaTarget.class, jolokia -> {
            assertThat(jolokia.url()).isEqualTo("https://api-7:8778/jolokia/");
            assertThat(jolokia.user()).isEqualTo("ops");
            assertThat(jolokia.password()).containsExactly('p', 'w');
            assertThat(jolokia.caFile()).isEqualTo(Path.of("/etc/agent-ca.pem"));
        });
        form.cancel();
    }

    @Test
    void aJmxAddressIsNotTakenForJolokia() {
        ConnectViewModel form = form();

        form.addressProperty().set("api-7:9010");

        assertThat(form.jolokiaProperty().get()).isFalse();
        form.addressProperty().set("HTTP://api-7:8778/jolokia/");
        assertThat(form.jolokiaProperty().get()).isTrue();
        assertThat(form.jolokiaTlsProperty().get()).isFalse();
    }

    private ConnectViewModel form() {
        return form((target, timeouts) -> {
            throw new AssertionError("the form must not connect in these tests");
        });
    }

    private ConnectViewModel form(JvmConnector connector) {
        MainViewModel main = new MainViewModel(SAME_THREAD, connector, new SettingsStore(home), null, null);
        return new ConnectViewModel(main, SAME_THREAD);
    }
}
