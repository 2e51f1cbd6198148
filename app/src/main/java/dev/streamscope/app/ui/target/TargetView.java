package dev.streamscope.app.ui.target;

import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.ui.FileDialogs;
import dev.streamscope.app.ui.Views;
import dev.streamscope.app.ui.channelz.ChannelzView;
import dev.streamscope.app.ui.histogram.HistogramView;
import dev.streamscope.app.ui.histogram.HistogramViewModel;
import dev.streamscope.app.ui.streams.StreamsView;
import dev.streamscope.app.ui.threads.ThreadsView;
import dev.streamscope.app.ui.threads.ThreadsViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.jfree.chart.fx.ChartViewer;

/** A target tab's controller: header, problem banner and the chart grid, bound to {@link TargetViewModel}. */
public final class TargetView {

    private static final int COLUMNS = 2;
    private static final double CHART_HEIGHT = 300;

    private final TargetViewModel model;
    private final FileDialogs files;

    @FXML
    private Label identity;

    @FXML
    private Label cost;

    @FXML
    private Label connectionNote;

    @FXML
    private HBox banner;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label bannerMessage;

    @FXML
    private Button retryButton;

    @FXML
    private CheckBox watchBox;

    @FXML
    private Label watchText;

    @FXML
    private GridPane chartGrid;

    @FXML
    private TabPane views;

    @FXML
    private Tab channelzTab;

    @FXML
    private Tab streamsTab;

    @FXML
    private Tab histogramTab;

    @FXML
    private Tab threadsTab;

    /** The target's page with its Streams, Channelz, Histogram and Threads tabs, each controller over its own view model. */
    public static Parent load(TargetViewModel model, FileDialogs files) {
        return Views.load(TargetView.class, "TargetView.fxml", type -> {
            if (type == ChannelzView.class) {
                return new ChannelzView(model.channelz());
            }
            if (type == StreamsView.class) {
                return new StreamsView(model.streams());
            }
            if (type == HistogramView.class) {
                return new HistogramView(model.histogram(), files, model.files()::exportFolder);
            }
            if (type == ThreadsView.class) {
                return new ThreadsView(model.threads(), files, model.files()::exportFolder);
            }
            return new TargetView(model, files);
        });
    }

    TargetView(TargetViewModel model, FileDialogs files) {
        this.model = model;
        this.files = files;
    }

    @FXML
    private void initialize() {
        identity.textProperty()
                .bind(Bindings.when(model.identityTextProperty().isEmpty())
                        .then(model.titleProperty())
                        .otherwise(model.identityTextProperty()));
        cost.textProperty().bind(model.costTextProperty());
        connectionNote.textProperty().bind(model.connectionNoteProperty());
        connectionNote.visibleProperty().bind(model.connectionNoteProperty().isNotEmpty());
        connectionNote.managedProperty().bind(connectionNote.visibleProperty());
        connectionNote.setId("target-connection-note");
        watchBox.setId("watch-box");
        watchBox.selectedProperty().bindBidirectional(model.watchingProperty());
        watchBox.setVisible(model.canWatch());
        watchBox.setManaged(model.canWatch());
        watchText.setId("watch-text");
        watchText.textProperty().bind(model.watchTextProperty());
        BooleanBinding healthy = model.stateProperty().isEqualTo(TargetState.CONNECTED);
        banner.visibleProperty().bind(healthy.not());
        banner.managedProperty().bind(healthy.not());
        bannerMessage.textProperty().bind(model.statusMessageProperty());
        bannerMessage.setId("target-status-message");
        BooleanBinding working = model.stateProperty()
                .isEqualTo(TargetState.CONNECTING)
                .or(model.stateProperty().isEqualTo(TargetState.RECONNECTING));
        progress.visibleProperty().bind(working);
        progress.managedProperty().bind(working);
        BooleanBinding retryable = model.stateProperty()
                .isEqualTo(TargetState.FAILED)
                .or(model.stateProperty().isEqualTo(TargetState.RECONNECTING));
        retryButton.visibleProperty().bind(retryable);
        retryButton.managedProperty().bind(retryable);
        model.stateProperty().addListener((observable, before, state) -> styleBanner(state));
        styleBanner(model.stateProperty().get());
        layOutCharts(model.charts());
        if (!model.hasChannelz()) {
            views.getTabs().remove(channelzTab);
        }
        // the full table of oldest streams is fetched only while someone looks at it
        model.streamsWatchedProperty().bind(streamsTab.selectedProperty());
        bindHistogramPage(model.histogram());
        bindThreadsPage(model.threads());
    }

    /** Ctrl+T shows the page through the view model; the recording samples threads only while it is shown. */
    private void bindThreadsPage(ThreadsViewModel threads) {
        if (!threads.hasPage()) {
            views.getTabs().remove(threadsTab);
            return;
        }
        threadsTab.setId("threads-tab");
        threads.shownProperty().set(threadsTab.isSelected());
        threadsTab
                .selectedProperty()
                .addListener((observable, before, selected) ->
                        threads.shownProperty().set(selected));
        threads.shownProperty().addListener((observable, before, shown) -> {
            if (shown) {
                views.getSelectionModel().select(threadsTab);
            }
        });
    }

    /** Ctrl+H shows the page through the view model; leaving the page tells it so. */
    private void bindHistogramPage(HistogramViewModel histogram) {
        if (histogram.unavailableReason() != null) {
            views.getTabs().remove(histogramTab);
            return;
        }
        histogramTab.setId("histogram-tab");
        histogram.shownProperty().set(histogramTab.isSelected());
        histogramTab
                .selectedProperty()
                .addListener((observable, before, selected) ->
                        histogram.shownProperty().set(selected));
        histogram.shownProperty().addListener((observable, before, shown) -> {
            if (shown) {
                views.getSelectionModel().select(histogramTab);
            }
        });
    }

    private void styleBanner(TargetState state) {
        banner.getStyleClass().remove("reconnecting");
        if (state != TargetState.FAILED) {
            banner.getStyleClass().add("reconnecting");
        }
    }

    private void layOutCharts(List<LiveChart> charts) {
        for (int column = 0; column < COLUMNS; column++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setPercentWidth(100.0 / COLUMNS);
            constraints.setHgrow(Priority.ALWAYS);
            chartGrid.getColumnConstraints().add(constraints);
        }
        for (int i = 0; i < charts.size(); i++) {
            LiveChart chart = charts.get(i);
            ChartViewer viewer = new ChartViewer(chart.chart(), false);
            viewer.setId("chart-" + chart.id());
            viewer.setPrefHeight(CHART_HEIGHT);
            viewer.setMinHeight(CHART_HEIGHT);
            ContextMenu menu = new ContextMenu(exportItem(chart));
            viewer.setOnContextMenuRequested(event -> menu.show(viewer, event.getScreenX(), event.getScreenY()));
            StackPane cell = new StackPane(viewer);
            cell.getStyleClass().add("chart-cell");
            chartGrid.add(cell, i % COLUMNS, i / COLUMNS);
        }
    }

    private MenuItem exportItem(LiveChart chart) {
        MenuItem export = new MenuItem("Export PNG…");
        export.setOnAction(event -> {
            String name = PngExporter.fileName(chart.id(), Instant.now());
            String title = "Export " + chart.definition().title();
            files.choosePngFile(chartGrid.getScene().getWindow(), title, lastFolder(), name)
                    .ifPresent(file -> files.chooseSize(chartGrid.getScene().getWindow(), defaultSize())
                            .ifPresent(size -> model.files().exportChart(chart, file, size.width(), size.height())));
        });
        return export;
    }

    private Path lastFolder() {
        return model.files().exportFolder();
    }

    private FileDialogs.ExportSize defaultSize() {
        return new FileDialogs.ExportSize(
                model.files().exportWidth(), model.files().exportHeight());
    }

    @FXML
    private void retry() {
        model.retry();
    }
}
