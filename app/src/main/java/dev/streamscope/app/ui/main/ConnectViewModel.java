package dev.streamscope.app.ui.main;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.jmx.transport.LocalJvm;
import dev.streamscope.app.jmx.transport.LocalJvms;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.settings.RecentChannelz;
import dev.streamscope.app.settings.RecentConnection;
import dev.streamscope.app.ui.TaskRunner;
import dev.streamscope.app.ui.target.TargetViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connect dialog's state and commands. Connecting runs in a real target session (the same code path as every
 * other connection); the dialog only watches its first state. Input is never cleared by a failure.
 */
public final class ConnectViewModel {

    /** What the message line is showing. */
    public enum MessageKind {
        NONE,
        PROGRESS,
        ERROR
    }

    private final MainViewModel main;
    private final TaskRunner tasks;

    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty ssl = new SimpleBooleanProperty();
    private final BooleanProperty tunnelRedirect = new SimpleBooleanProperty(true);
    private final StringProperty jolokiaCaFile = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper jolokia = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper jolokiaTls = new ReadOnlyBooleanWrapper();
    private final StringProperty channelzAddress = new SimpleStringProperty("");
    private final BooleanProperty channelzTls = new SimpleBooleanProperty();
    private final StringProperty caFile = new SimpleStringProperty("");
    private final StringProperty serverName = new SimpleStringProperty("");
    private final StringProperty certificateFile = new SimpleStringProperty("");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final StringProperty maxInFlight =
            new SimpleStringProperty(Integer.toString(ChannelzTarget.DEFAULT_MAX_IN_FLIGHT));
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyObjectWrapper<TargetViewModel> connected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loadingLocal = new ReadOnlyBooleanWrapper();
    private final ObservableList<LocalJvm> localJvms = FXCollections.observableArrayList();
    private final ObservableList<RecentConnection> recent = FXCollections.observableArrayList();
    private final BooleanBinding canConnect;

    private TargetViewModel attempt;
    private ChangeListener<TargetState> attemptWatcher;

    public ConnectViewModel(MainViewModel main, TaskRunner tasks) {
        this.main = main;
        this.tasks = tasks;
        recent.setAll(main.recentConnections());
        jolokia.bind(Bindings.createBooleanBinding(() -> TargetSpecs.isJolokiaUrl(address.get()), address));
        jolokiaTls.bind(Bindings.createBooleanBinding(
                () -> jolokia.get() && address.get().trim().regionMatches(true, 0, "https:", 0, 6), jolokia, address));
        canConnect = Bindings.createBooleanBinding(
                () -> !busy.get()
                        && !(address.get().isBlank() && channelzAddress.get().isBlank()),
                busy,
                address,
                channelzAddress);
        if (!recent.isEmpty()) {
            useRecent(recent.get(0));
        }
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** Held only while the dialog is open; never saved. */
    public StringProperty passwordProperty() {
        return password;
    }

    /** The PEM file of the CAs that signed an https Jolokia agent's certificate; empty for the JDK's trust store. */
    public StringProperty jolokiaCaFileProperty() {
        return jolokiaCaFile;
    }

    /** Whether the address is a Jolokia agent's URL (http:// or https://) rather than a JMX address. */
    public ReadOnlyBooleanProperty jolokiaProperty() {
        return jolokia.getReadOnlyProperty();
    }

    /** Whether the address is an https Jolokia URL, the only kind a CA file applies to. */
    public ReadOnlyBooleanProperty jolokiaTlsProperty() {
        return jolokiaTls.getReadOnlyProperty();
    }

    public BooleanProperty sslProperty() {
        return ssl;
    }

    /** Whether RMI stubs that name another host are sent to the address given, as through a tunnel. */
    public BooleanProperty tunnelRedirectProperty() {
        return tunnelRedirect;
    }

    /** The target's gRPC server serving channelz, {@code host:port}; optional. */
    public StringProperty channelzAddressProperty() {
        return channelzAddress;
    }

    public BooleanProperty channelzTlsProperty() {
        return channelzTls;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public StringProperty serverNameProperty() {
        return serverName;
    }

    public StringProperty certificateFileProperty() {
        return certificateFile;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    /** The most channelz RPCs at once during a refresh, as typed; checked on connect. */
    public StringProperty maxInFlightProperty() {
        return maxInFlight;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() {
        return messageKind.getReadOnlyProperty();
    }

    /** Set once a connection succeeded: the dialog closes and the target has its tab. */
    public ReadOnlyObjectProperty<TargetViewModel> connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingLocalProperty() {
        return loadingLocal.getReadOnlyProperty();
    }

    public BooleanBinding canConnectBinding() {
        return canConnect;
    }

    public ObservableList<LocalJvm> localJvms() {
        return localJvms;
    }

    public ObservableList<RecentConnection> recent() {
        return recent;
    }

    public void useRecent(RecentConnection connection) {
        if (connection == null || busy.get()) {
            return;
        }
        address.set(connection.address());
        user.set(connection.user());
        ssl.set(connection.ssl());
        tunnelRedirect.set(connection.tunnelRedirect());
        jolokiaCaFile.set(connection.jolokiaCaFile());
        RecentChannelz channelz = connection.channelz();
        channelzAddress.set(channelz.address());
        channelzTls.set(channelz.tls());
        caFile.set(channelz.caFile());
        serverName.set(channelz.serverName());
        certificateFile.set(channelz.certificateFile());
        keyFile.set(channelz.keyFile());
        maxInFlight.set(Integer.toString(channelz.maxInFlight()));
        password.set("");
    }

    /** Lists the JVMs on this machine (Attach API), off the UI thread. */
    public void refreshLocalJvms() {
        loadingLocal.set(true);
        tasks.background(
                LocalJvms::list,
                jvms -> {
                    loadingLocal.set(false);
                    localJvms.setAll(jvms);
                },
                failure -> {
                    loadingLocal.set(false);
                    localJvms.clear();
                    showError("Could not list local JVMs: " + failure.getMessage());
                });
    }

    /** Starts the JVM's local management agent (Attach API), then connects to it. */
    public void connectLocal(LocalJvm jvm) {
        if (jvm == null || busy.get()) {
            return;
        }
        busy.set(true);
        showProgress("Attaching to " + jvm.displayName() + " (pid " + jvm.pid() + ")…");
        tasks.background(
                () -> LocalJvms.jmxAddress(jvm.pid()),
                url -> {
                    busy.set(false);
                    address.set(url);
                    user.set("");
                    ssl.set(false);
                    connect();
                },
                failure -> {
                    busy.set(false);
                    showError(failure.getMessage());
                });
    }

    public void connect() {
        if (!canConnect.get()) {
            return;
        }
        TargetSpec target;
        try {
            char[] secret = password.get().isEmpty() ? null : password.get().toCharArray();
            TargetSpecs.ChannelzOptions channelzOptions = new TargetSpecs.ChannelzOptions(
                    channelzTls.get(),
                    caFile.get(),
                    serverName.get(),
                    certificateFile.get(),
                    keyFile.get(),
                    maxInFlight.get());
            target = jolokia.get()
                    ? TargetSpecs.jolokia(
                            address.get(),
                            user.get(),
                            secret,
                            jolokiaTls.get() ? jolokiaCaFile.get() : null,
                            channelzAddress.get(),
                            channelzOptions)
                    : TargetSpecs.parse(
                                    address.get(),
                                    user.get(),
                                    secret,
                                    ssl.get(),
                                    channelzAddress.get(),
                                    channelzOptions)
                            .withTunnelRedirect(tunnelRedirect.get());
        } catch (TargetProblem problem) {
            showError(problem.getMessage());
            return;
        }
        busy.set(true);
        showProgress("Connecting to " + target.describe() + "…");
        attempt = main.createTarget(target);
        attemptWatcher = (observable, before, state) -> attemptChanged(state);
        attempt.stateProperty().addListener(attemptWatcher);
        attempt.connect();
    }

    /** Abandons a connection attempt in flight; the dialog stays open with its input. */
    public void cancel() {
        if (attempt != null) {
            TargetViewModel abandoned = detachAttempt();
            abandoned.close();
            busy.set(false);
            showError("Connection cancelled.");
        }
    }

    private void attemptChanged(TargetState state) {
        if (state == TargetState.CONNECTED) {
            TargetViewModel target = detachAttempt();
            busy.set(false);
            showNothing();
            main.adopt(target);
            main.remember(new RecentConnection(
                    address.get(),
                    user.get(),
                    ssl.get(),
                    recentChannelz(target),
                    tunnelRedirect.get(),
                    jolokiaTls.get() ? jolokiaCaFile.get() : ""));
            connected.set(target);
        } else if (state == TargetState.FAILED) {
            TargetViewModel failed = detachAttempt();
            String reason = failed.statusMessageProperty().get();
            failed.close();
            busy.set(false);
            showError(reason);
        }
    }

    /** What to remember of the channelz side: the fields as typed, the RPCs in flight as the target took them. */
    private RecentChannelz recentChannelz(TargetViewModel target) {
        ChannelzTarget channelz = target.spec().channelz();
        if (channelz == null) {
            return RecentChannelz.NONE;
        }
        return new RecentChannelz(
                channelzAddress.get(),
                channelzTls.get(),
                caFile.get(),
                serverName.get(),
                certificateFile.get(),
                keyFile.get(),
                channelz.maxInFlight());
    }

    private TargetViewModel detachAttempt() {
        TargetViewModel detached = attempt;
        detached.stateProperty().removeListener(attemptWatcher);
        attempt = null;
        attemptWatcher = null;
        return detached;
    }

    private void showProgress(String text) {
        message.set(text);
        messageKind.set(MessageKind.PROGRESS);
    }

    private void showError(String text) {
        message.set(text);
        messageKind.set(MessageKind.ERROR);
    }

    private void showNothing() {
        message.set("");
        messageKind.set(MessageKind.NONE);
    }
}
