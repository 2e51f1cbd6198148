package dev.streamscope.app.ui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.streamscope.app.base.CountText;
import dev.streamscope.app.base.Version;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.ui.DialogLook;
import dev.streamscope.app.ui.FileDialogs;
import dev.streamscope.app.ui.Views;
import dev.streamscope.app.ui.fleet.FleetView;
import dev.streamscope.app.ui.fleet.FleetViewModel;
import dev.streamscope.app.ui.histogram.HistogramView;
import dev.streamscope.app.ui.histogram.HistogramViewModel;
import dev.streamscope.app.ui.look.LookViewModel;
import dev.streamscope.app.ui.look.Theme;
import dev.streamscope.app.ui.streams.SocketRowView;
import dev.streamscope.app.ui.target.TargetView;
import dev.streamscope.app.ui.target.TargetViewModel;
import dev.streamscope.app.ui.threads.ThreadsViewModel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Window;

/** The main window's controller: binds the view to {@link MainViewModel} and opens dialogs. */
public final class MainView {

    private static final String FLEET_TAB = "fleet-tab";

    private final MainViewModel model;
    private final FileDialogs files;
    private final Map<TargetViewModel, Tab> tabsByTarget = new HashMap<>();

    @FXML
    private TabPane tabs;

    @FXML
    private VBox emptyState;

    @FXML
    private ToggleGroup windowMenuGroup;

    @FXML
    private ToggleGroup windowButtonGroup;

    @FXML
    private RadioMenuItem window5m;

    @FXML
    private RadioMenuItem window15m;

    @FXML
    private RadioMenuItem window1h;

    @FXML
    private RadioMenuItem windowAll;

    @FXML
    private ToggleButton window5mButton;

    @FXML
    private HBox windowButtons;

    @FXML
    private ToggleButton window15mButton;

    @FXML
    private ToggleButton window1hButton;

    @FXML
    private ToggleButton windowAllButton;

    @FXML
    private CheckMenuItem pauseItem;

    @FXML
    private ToggleButton pauseButton;

    @FXML
    private MenuItem exportAllItem;

    @FXML
    private MenuItem closeTabItem;

    @FXML
    private MenuItem heapHistogramItem;

    @FXML
    private MenuItem threadsItem;

    @FXML
    private MenuItem saveRecordingItem;

    @FXML
    private MenuItem saveIncidentItem;

    @FXML
    private Button exportAllButton;

    @FXML
    private Label statusLine;

    @FXML
    private BorderPane root;

    @FXML
    private ToggleGroup themeGroup;

    @FXML
    private RadioMenuItem themeLight;

    @FXML
    private RadioMenuItem themeDark;

    @FXML
    private RadioMenuItem themeDesktop;

    MainView(MainViewModel model, FileDialogs files) {
        this.model = model;
        this.files = files;
    }

    static Parent load(MainViewModel model, FileDialogs files) {
        return Views.load(MainView.class, "MainView.fxml", type -> new MainView(model, files));
    }

    @FXML
    private void initialize() {
        emptyState
                .visibleProperty()
                .bind(Bindings.isEmpty(model.targets())
                        .and(model.fleetProperty().isNull()));
        tabs.visibleProperty().bind(emptyState.visibleProperty().not());
        bindWindowChoice(
                windowMenuGroup,
                Map.of(
                        window5m, TimeWindow.FIVE_MINUTES,
                        window15m, TimeWindow.FIFTEEN_MINUTES,
                        window1h, TimeWindow.ONE_HOUR,
                        windowAll, TimeWindow.ALL));
        bindWindowChoice(
                windowButtonGroup,
                Map.of(
                        window5mButton, TimeWindow.FIVE_MINUTES,
                        window15mButton, TimeWindow.FIFTEEN_MINUTES,
                        window1hButton, TimeWindow.ONE_HOUR,
                        windowAllButton, TimeWindow.ALL));
        pauseItem.selectedProperty().bindBidirectional(model.pausedProperty());
        pauseButton.selectedProperty().bindBidirectional(model.pausedProperty());
        pauseButton
                .textProperty()
                .bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        // the time window acts on target tabs' charts; on the Fleet tab (15 min sparklines, the trend window) it would
        // pretend to act
        windowButtons
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> {
                            Tab selected = tabs.getSelectionModel().getSelectedItem();
                            return selected != null && FLEET_TAB.equals(selected.getId());
                        },
                        tabs.getSelectionModel().selectedItemProperty()));
        exportAllItem
                .disableProperty()
                .bind(tabs.getSelectionModel().selectedItemProperty().isNull());
        exportAllButton
                .disableProperty()
                .bind(tabs.getSelectionModel().selectedItemProperty().isNull());
        closeTabItem
                .disableProperty()
                .bind(tabs.getSelectionModel().selectedItemProperty().isNull());
        saveRecordingItem
                .disableProperty()
                .bind(tabs.getSelectionModel().selectedItemProperty().isNull());
        saveIncidentItem
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> selectedTarget() == null || !selectedTarget().canWatch(),
                        tabs.getSelectionModel().selectedItemProperty()));
        heapHistogramItem
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> HistogramViewModel.menuText(selectedHistogram()),
                        tabs.getSelectionModel().selectedItemProperty()));
        heapHistogramItem
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> selectedHistogram() == null || selectedHistogram().unavailableReason() != null,
                        tabs.getSelectionModel().selectedItemProperty()));
        threadsItem
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> ThreadsViewModel.menuText(selectedThreads()),
                        tabs.getSelectionModel().selectedItemProperty()));
        threadsItem
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> selectedThreads() == null || !selectedThreads().hasPage(),
                        tabs.getSelectionModel().selectedItemProperty()));
        // a text field takes Ctrl+H as backspace: the window's shortcut comes first, wherever the focus is
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (!heapHistogramItem.isDisable()
                    && heapHistogramItem.getAccelerator().match(event)) {
                event.consume();
                heapHistogram();
            }
        });
        statusLine.textProperty().bind(model.statusLineProperty());
        bindLook();
        model.fleetProperty().addListener((observable, before, now) -> showFleet(now));
        showFleet(model.fleetProperty().get());
        model.targets().forEach(this::addTab);
        model.targets().addListener((ListChangeListener<TargetViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeTab);
                change.getAddedSubList().forEach(this::addTab);
            }
        });
    }

    private void bindLook() {
        LookViewModel look = model.look();
        Map<Toggle, Theme> choices =
                Map.of(themeLight, Theme.LIGHT, themeDark, Theme.DARK, themeDesktop, Theme.DESKTOP);
        choices.forEach(
                (toggle, theme) -> toggle.setSelected(look.themeProperty().get() == theme));
        themeGroup.selectedToggleProperty().addListener((observable, before, selected) -> {
            if (selected == null) {
                before.setSelected(true); // a theme is always chosen
            } else {
                look.choose(choices.get(selected));
            }
        });
        look.darkProperty().addListener((observable, before, dark) -> applyLook());
        look.fontScaleProperty().addListener((observable, before, scale) -> applyLook());
        applyLook();
    }

    /** The look is global (dialogs too): AtlantaFX underneath, our stylesheet's dark rules, root font, charts. */
    private void applyLook() {
        LookViewModel look = model.look();
        boolean dark = look.darkProperty().get();
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().remove("dark");
        if (dark) {
            root.getStyleClass().add("dark");
        }
        root.setStyle(look.rootFontStyle());
        model.targets().forEach(this::restyleCharts);
    }

    private void restyleCharts(TargetViewModel target) {
        for (LiveChart chart : target.charts()) {
            model.look().chartLook().applyTo(chart.chart());
        }
    }

    @FXML
    private void biggerText() {
        model.look().biggerText();
    }

    @FXML
    private void smallerText() {
        model.look().smallerText();
    }

    @FXML
    private void normalText() {
        model.look().normalText();
    }

    /** Keeps a toggle group and the model's window in step, both ways. */
    private void bindWindowChoice(ToggleGroup group, Map<Toggle, TimeWindow> choices) {
        choices.forEach(
                (toggle, window) -> toggle.setSelected(model.windowProperty().get() == window));
        group.selectedToggleProperty().addListener((observable, before, selected) -> {
            if (selected == null) {
                before.setSelected(true); // a window is always chosen
            } else {
                model.windowProperty().set(choices.get(selected));
            }
        });
        model.windowProperty()
                .addListener((observable, before, window) -> choices.forEach((toggle, choice) -> {
                    if (choice == window && !toggle.isSelected()) {
                        toggle.setSelected(true);
                    }
                }));
    }

    private void addTab(TargetViewModel target) {
        restyleCharts(target);
        Tab tab = new Tab();
        tab.textProperty().bind(target.titleProperty());
        tab.setContent(TargetView.load(target, files));
        Circle dot = new Circle(5);
        dot.getStyleClass().add("status-dot");
        updateDot(dot, target.stateProperty().get());
        target.stateProperty().addListener((observable, before, state) -> updateDot(dot, state));
        Label badge = new Label();
        badge.getStyleClass().add("overdue-badge");
        badge.setId("overdue-badge");
        badge.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> badgeText(target.streams().overdueProperty().get()),
                        target.streams().overdueProperty()));
        badge.visibleProperty().bind(badge.textProperty().isNotEmpty());
        badge.managedProperty().bind(badge.visibleProperty());
        // a climb is shown apart from proof: "↗" only while nothing is proven overdue
        Label growing = new Label("↗");
        growing.getStyleClass().add("growing-badge");
        growing.setId("growing-badge");
        growing.visibleProperty()
                .bind(target.streams()
                        .growingProperty()
                        .and(badge.visibleProperty().not()));
        growing.managedProperty().bind(growing.visibleProperty());
        Tooltip growingHint = new Tooltip(SocketRowView.GROWING_TARGET_HINT);
        growingHint.setWrapText(true);
        growingHint.setMaxWidth(480);
        growing.setTooltip(growingHint);
        HBox graphic = new HBox(5, dot, badge, growing);
        graphic.setAlignment(Pos.CENTER_LEFT);
        tab.setGraphic(graphic);
        Tooltip reason = new Tooltip();
        reason.textProperty().bind(target.statusMessageProperty());
        reason.setWrapText(true);
        reason.setMaxWidth(480);
        tab.setTooltip(reason);
        tab.setOnClosed(event -> model.close(target));
        // a tab out of sight records on but does not redraw its charts
        target.shownProperty().bind(tab.selectedProperty());
        tab.setUserData(target);
        tabsByTarget.put(target, tab);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    // the Fleet tab carries no target as user data, so the target commands (export, close) pass it by
    private void showFleet(FleetViewModel fleet) {
        tabs.getTabs().removeIf(tab -> FLEET_TAB.equals(tab.getId()));
        if (fleet != null) {
            Tab tab = new Tab("Fleet", FleetView.load(fleet));
            tab.setId(FLEET_TAB);
            tab.setOnClosed(event -> model.closeFleet());
            tabs.getTabs().add(0, tab);
            tabs.getSelectionModel().select(tab);
        }
    }

    private void removeTab(TargetViewModel target) {
        Tab tab = tabsByTarget.remove(target);
        if (tab != null) {
            tabs.getTabs().remove(tab);
        }
    }

    /** "37" overdue streams (exact, from the bridge), "≥ 37" (a channelz bound), or nothing when none are. */
    private static String badgeText(OverdueCount overdue) {
        if (overdue == null || overdue.atLeast() == 0) {
            return "";
        }
        return CountText.atLeast(overdue.atLeast(), overdue.atMost());
    }

    private static void updateDot(Circle dot, TargetState state) {
        dot.getStyleClass().removeAll("connecting", "connected", "reconnecting", "failed", "stopped");
        dot.getStyleClass().add(state.name().toLowerCase(Locale.ROOT));
    }

    private TargetViewModel selectedTarget() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        return selected == null ? null : (TargetViewModel) selected.getUserData();
    }

    private HistogramViewModel selectedHistogram() {
        TargetViewModel target = selectedTarget();
        return target == null ? null : target.histogram();
    }

    private ThreadsViewModel selectedThreads() {
        TargetViewModel target = selectedTarget();
        return target == null ? null : target.threads();
    }

    /** Ctrl+T: the current target's Threads page, which dumps at once and then every few seconds while shown. */
    @FXML
    private void threads() {
        ThreadsViewModel threads = selectedThreads();
        if (threads != null && threads.hasPage()) {
            threads.show();
            threads.dumpNow();
        }
    }

    private Window window() {
        return tabs.getScene().getWindow();
    }

    @FXML
    private void connect() {
        ConnectView.showDialog(window(), model.newConnectDialog());
    }

    @FXML
    private void openFleet() {
        model.openFleet(null, model.trendWindowProperty().get());
    }

    @FXML
    private void exportAll() {
        TargetViewModel target = selectedTarget();
        if (target == null) {
            return;
        }
        files.chooseFolder(
                        window(),
                        "Export every chart of " + target.titleProperty().get(),
                        model.settings().exportFolderOrHome())
                .ifPresent(folder -> files.chooseSize(window(), exportSize()).ifPresent(size -> {
                    model.rememberExport(size.width(), size.height(), folder);
                    target.files().exportAll(folder, size.width(), size.height());
                }));
    }

    private FileDialogs.ExportSize exportSize() {
        return new FileDialogs.ExportSize(
                model.settings().exportWidth(), model.settings().exportHeight());
    }

    @FXML
    private void heapHistogram() {
        HistogramViewModel histogram = selectedHistogram();
        if (histogram != null && histogram.unavailableReason() == null) {
            histogram.show();
            HistogramView.takeAsking(window(), histogram);
        }
    }

    @FXML
    private void openRecording() {
        files.chooseFolder(window(), "Open a recording folder", model.recordingsFolder())
                .ifPresent(model::openRecording);
    }

    @FXML
    private void saveRecording() {
        TargetViewModel target = selectedTarget();
        if (target == null) {
            return;
        }
        if (!target.hasRecorded()) {
            model.reportProblem("Nothing to save yet: " + target.titleProperty().get() + " has recorded nothing.");
            return;
        }
        files.chooseFolder(window(), "Save the recording into a folder", model.recordingsFolder())
                .ifPresent(target.files()::saveRecording);
    }

    /** Ctrl+B: an incident folder of the current target now, where its watch would write one. */
    @FXML
    private void saveIncident() {
        TargetViewModel target = selectedTarget();
        if (target != null) {
            target.saveIncidentNow();
        }
    }

    @FXML
    private void compareRecordings() {
        List<TargetViewModel> recordings = model.openRecordings();
        if (recordings.size() < 2) {
            model.reportProblem("Compare needs two open recordings: open them with File → Open recording… (Ctrl+O).");
            return;
        }
        CompareDialog.show(window(), recordings);
    }

    @FXML
    private void editLifetimes() {
        LifetimeDialog.show(window(), model.lifetimeProperty().get()).ifPresent(model.lifetimeProperty()::set);
    }

    @FXML
    private void closeTab() {
        TargetViewModel target = selectedTarget();
        if (target != null) {
            model.close(target);
        }
    }

    @FXML
    private void quit() {
        Platform.exit();
    }

    @FXML
    private void showShortcuts() {
        Alert help = new Alert(Alert.AlertType.INFORMATION);
        DialogLook.ownedBy(window(), help);
        help.setTitle("Keyboard shortcuts");
        help.setHeaderText("StreamScope keyboard shortcuts");
        help.setContentText(String.join(
                "\n",
                "Ctrl+N   Connect to a JVM",
                "Ctrl+O   Open a recording folder (read-only tab)",
                "Ctrl+S   Save the current tab's recording as a folder",
                "Ctrl+B   Save an incident folder of the current target now (histogram, thread dump, recording)",
                "Ctrl+E   Export every chart of the current target as PNG",
                "Ctrl+H   Heap histogram of the current target (the change since the previous one too)",
                "Ctrl+T   Threads of the current target: pools, blocked event loops, stuck calls, saturated pools",
                "Ctrl+P   Pause or resume the charts (sampling goes on)",
                "Ctrl+1…4 Time window: 5 min, 15 min, 1 h, all",
                "Ctrl+L   Stream lifetimes: which streams count as overdue",
                "Ctrl+=   Bigger text (Ctrl+- smaller, Ctrl+0 normal; View → Theme: light or dark)",
                "Ctrl+W   Close the current tab",
                "Ctrl+Q   Quit",
                "Right-click a chart to export it alone."));
        help.show();
    }

    @FXML
    private void showAbout() {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        DialogLook.ownedBy(window(), about);
        about.setTitle("About StreamScope");
        about.setHeaderText(Version.title());
        // the runtime tells an installed image (its own runtime) from a JDK run
        about.setContentText("Live diagnostics for JVM services that speak gRPC.\n\nJava "
                + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")");
        about.show();
    }
}
