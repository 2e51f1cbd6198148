package dev.streamscope.app.ui.main;

import dev.streamscope.app.jmx.transport.LocalJvm;
import dev.streamscope.app.settings.RecentConnection;
import dev.streamscope.app.ui.DialogLook;
import dev.streamscope.app.ui.Views;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The connect dialog's controller: binds the form to {@link ConnectViewModel}; validation and state live there. */
public final class ConnectView {

    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final ConnectViewModel model;

    @FXML
    private ComboBox<RecentConnection> recent;

    @FXML
    private TextField address;

    @FXML
    private TextField user;

    @FXML
    private PasswordField password;

    @FXML
    private CheckBox ssl;

    @FXML
    private CheckBox tunnelRedirect;

    @FXML
    private TextField jolokiaCaFile;

    @FXML
    private TextField channelzAddress;

    @FXML
    private CheckBox channelzTls;

    @FXML
    private TextField caFile;

    @FXML
    private TextField serverName;

    @FXML
    private TextField certificateFile;

    @FXML
    private TextField keyFile;

    @FXML
    private TextField maxInFlight;

    @FXML
    private ListView<LocalJvm> localJvms;

    @FXML
    private ProgressIndicator localProgress;

    @FXML
    private Button refreshLocal;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label message;

    ConnectView(ConnectViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        address.textProperty().bindBidirectional(model.addressProperty());
        user.textProperty().bindBidirectional(model.userProperty());
        password.textProperty().bindBidirectional(model.passwordProperty());
        ssl.selectedProperty().bindBidirectional(model.sslProperty());
        tunnelRedirect.selectedProperty().bindBidirectional(model.tunnelRedirectProperty());
        tunnelRedirect.setTooltip(new Tooltip("Behind kubectl port-forward or ssh -L: when the JVM's RMI stub names"
                + " another host, connect to the address above instead"));
        jolokiaCaFile.textProperty().bindBidirectional(model.jolokiaCaFileProperty());
        jolokiaCaFile.disableProperty().bind(model.jolokiaTlsProperty().not().or(model.busyProperty()));
        jolokiaCaFile.setId("connect-jolokia-ca");
        channelzAddress.textProperty().bindBidirectional(model.channelzAddressProperty());
        channelzTls.selectedProperty().bindBidirectional(model.channelzTlsProperty());
        caFile.textProperty().bindBidirectional(model.caFileProperty());
        serverName.textProperty().bindBidirectional(model.serverNameProperty());
        certificateFile.textProperty().bindBidirectional(model.certificateFileProperty());
        keyFile.textProperty().bindBidirectional(model.keyFileProperty());
        maxInFlight.textProperty().bindBidirectional(model.maxInFlightProperty());
        maxInFlight.disableProperty().bind(model.busyProperty());
        for (Node tlsField : List.of(caFile, serverName, certificateFile, keyFile)) {
            tlsField.disableProperty().bind(model.channelzTlsProperty().not().or(model.busyProperty()));
        }
        channelzAddress.disableProperty().bind(model.busyProperty());
        channelzTls.disableProperty().bind(model.busyProperty());
        address.disableProperty().bind(model.busyProperty());
        user.disableProperty().bind(model.busyProperty());
        password.disableProperty().bind(model.busyProperty());
        ssl.disableProperty().bind(model.jolokiaProperty().or(model.busyProperty()));
        tunnelRedirect.disableProperty().bind(model.jolokiaProperty().or(model.busyProperty()));
        recent.disableProperty().bind(model.busyProperty());
        recent.setItems(model.recent());
        recent.setConverter(new StringConverter<>() {
            @Override
            public String toString(RecentConnection connection) {
                return connection == null ? "" : connection.label();
            }

            @Override
            public RecentConnection fromString(String text) {
                return null;
            }
        });
        recent.valueProperty().addListener((observable, before, chosen) -> model.useRecent(chosen));
        localJvms.setItems(model.localJvms());
        localJvms.setPlaceholder(new Label("Press Refresh to list the JVMs running on this machine."));
        localJvms.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LocalJvm jvm, boolean empty) {
                super.updateItem(jvm, empty);
                setText(empty || jvm == null ? null : jvm.pid() + "  " + jvm.displayName());
            }
        });
        localJvms.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                model.connectLocal(localJvms.getSelectionModel().getSelectedItem());
            }
        });
        localJvms.disableProperty().bind(model.busyProperty());
        localProgress.visibleProperty().bind(model.loadingLocalProperty());
        refreshLocal.disableProperty().bind(model.loadingLocalProperty());
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(model.busyProperty());
        message.textProperty().bind(model.messageProperty());
        model.messageKindProperty().addListener((observable, before, kind) -> {
            message.getStyleClass().removeAll("error", "progress");
            if (kind != ConnectViewModel.MessageKind.NONE) {
                message.getStyleClass().add(kind.name().toLowerCase(Locale.ROOT));
            }
        });
        message.setId("connect-message");
        address.setId("connect-address");
        Platform.runLater(address::requestFocus);
    }

    @FXML
    private void refreshLocal() {
        model.refreshLocalJvms();
    }

    /** Loads the form over its view model and shows it in its dialog. */
    static void showDialog(Window owner, ConnectViewModel model) {
        ConnectView controller = new ConnectView(model);
        Parent content = Views.load(ConnectView.class, "ConnectView.fxml", type -> controller);
        controller.showDialog(owner, content);
    }

    /** Shows the form in a dialog that stays open on failure and closes once the target is connected. */
    private void showDialog(Window owner, Parent content) {
        Dialog<Void> dialog = new Dialog<>();
        DialogLook.ownedBy(owner, dialog);
        dialog.setTitle("Connect to a JVM");
        dialog.setHeaderText("The JVM over JMX (host:port of its JMX port, or a service:jmx: URL) or over HTTP\n"
                + "(its Jolokia agent's http:// URL), its gRPC channelz service (host:port), or both.");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);
        Button connect = (Button) dialog.getDialogPane().lookupButton(CONNECT);
        connect.setId("connect-button");
        connect.disableProperty().bind(model.canConnectBinding().not());
        connect.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // the dialog closes when the connection succeeds, not before
            model.connect();
        });
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.textProperty()
                .bind(Bindings.when(model.busyProperty())
                        .then("Cancel connecting")
                        .otherwise("Close"));
        cancel.addEventFilter(ActionEvent.ACTION, event -> {
            if (model.busyProperty().get()) {
                event.consume(); // first Cancel abandons the attempt; the form stays for another try
                model.cancel();
            }
        });
        dialog.setOnCloseRequest(event -> model.cancel());
        model.connectedProperty().addListener((observable, before, target) -> {
            if (target != null) {
                dialog.setResult(null);
                dialog.close();
            }
        });
        dialog.show();
    }
}
