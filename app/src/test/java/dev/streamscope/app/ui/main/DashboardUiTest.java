package dev.streamscope.app.ui.main;

import static dev.streamscope.app.ui.TestWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.archive.TestRecordings;
import dev.streamscope.app.chart.ChartImages;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.streams.StreamGrowth;
import dev.streamscope.app.ui.FileDialogs;
import dev.streamscope.app.ui.SharedDemo;
import dev.streamscope.app.ui.TestWindow;
import dev.streamscope.app.ui.channelz.ChannelzRow;
import dev.streamscope.app.ui.streams.GroupRowView;
import dev.streamscope.app.ui.streams.StreamGrouping;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window as a user sees it, headless under Monocle, against the real demo target (a child JVM) where a test needs
 * a live target. The one stand-in is the file chooser: native dialogs cannot be driven headless, so {@link
 * FixedFolder} answers with a temp folder.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardUiTest {

    /** How long a test waits for something the demo does at its own pace; generous, as the machines are shared. */
    private static final Duration EVENT = Duration.ofSeconds(90);

    @TempDir
    static Path exportFolder;

    @TempDir
    static Path settingsHome;

    @TempDir
    static Path recordingsFolder;

    @TempDir
    static Path incidentsFolder;

    /** One demo for the tests that only watch it; the first test starts its own, as the Demo command does. */
    @RegisterExtension
    static final SharedDemo DEMO = new SharedDemo();

    private MainViewModel model;

    /** Answers every file dialog with the test's folder and a fixed size, as a user clicking OK would. */
    private static final class FixedFolder implements FileDialogs {
        @Override
        public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
            return Optional.of(title.contains("recording") ? recordingsFolder : exportFolder);
        }

        @Override
        public Optional<Path> choosePngFile(Window owner, String title, Path initialFolder, String initialName) {
            return Optional.of(exportFolder.resolve(initialName));
        }

        @Override
        public Optional<Path> chooseCsvFile(Window owner, String title, Path initialFolder, String initialName) {
            return Optional.of(exportFolder.resolve(initialName));
        }

        @Override
        public Optional<ExportSize> chooseSize(Window owner, ExportSize initial) {
            return Optional.of(new ExportSize(800, 450));
        }
    }

    @Start
    void start(Stage stage) {
        model = TestWindow.show(stage, settingsHome, Duration.ofMillis(500), new FixedFolder());
    }

    @AfterEach
    void shutDown() throws Exception {
        TestWindow.shutDown(model);
    }

    @Test
    void theDemoTargetStartsConnectsAndItsChartsFillWithPoints(FxRobot robot) throws Exception {
        robot.interact(model::startDemo);
        TestWindow.awaitConnected(model);

        await().atMost(EVENT).until(() -> onFx(() -> points("heap") >= 3));

        assertThat(onFx(() -> points("threads"))).isPositive();
        assertThat(onFx(() -> points("memory-pools"))).isPositive();
        Label identity = robot.lookup(".target-header .identity").queryAs(Label.class);
        assertThat(identity.getText()).contains("@").contains("up ");
        assertThat(robot.lookup(".status-dot").<Node>queryAll())
                .allMatch(dot -> dot.getStyleClass().contains("connected"));
        assertThat(robot.lookup("#chart-heap").tryQuery()).isPresent();
        assertThat(robot.lookup("#chart-gc-pauses").tryQuery()).isPresent();
    }

    @Test
    void exportAllWritesEveryChartAsAPngOfTheChosenSizeShowingItsSeries(FxRobot robot) throws Exception {
        TestWindow.connect(robot, model, DEMO.target());
        // five ticks: each of the heap chart's three series (and every sampled chart's) has a line, not a lone point
        await().atMost(EVENT).until(() -> onFx(() -> points("heap") >= 15));

        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);

        await().atMost(EVENT)
                .until(() -> pngs().size() == model.targets().get(0).charts().size());
        List<LiveChart> charts = onFx(() -> model.targets().get(0).charts());
        for (Path png : pngs()) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(450);
            LiveChart chart = chartOf(charts, png);
            if (ALWAYS_FILLED.contains(chart.id())) {
                assertThat(onFx(chart::pointCount))
                        .as("%s has points", chart.id())
                        .isGreaterThanOrEqualTo(3);
                assertThat(drawnSeries(chart, image))
                        .as("%s shows a series with points in its own colour", png)
                        .isNotEmpty();
            }
        }
        assertThat(pngs())
                .extracting(png -> chartOf(charts, png).id())
                .as("every chart that each JVM sample fills was exported")
                .containsAll(ALWAYS_FILLED);
        Path heap = pngs().stream()
                .filter(png -> png.getFileName().toString().startsWith("heap-"))
                .findFirst()
                .orElseThrow();
        assertThat(drawnSeries(chartOf(charts, heap), ImageIO.read(heap.toFile())))
                .as("the heap-used line (the first series) is drawn in the plot")
                .contains(0);
        try (Stream<Path> files = Files.list(exportFolder)) {
            assertThat(files).allMatch(file -> file.toString().endsWith(".png")); // no half-written temp files
        }
    }

    @Test
    void theChannelzTreeShowsTheDemoKeepsTheSelectionAcrossRefreshesAndOpenStreamsGrow(FxRobot robot) throws Exception {
        TestWindow.connect(robot, model, DEMO.target());
        robot.clickOn("Channelz");
        @SuppressWarnings("unchecked")
        TreeTableView<ChannelzRow> tree = robot.lookup("#channelz-tree").queryAs(TreeTableView.class);
        await().atMost(EVENT).until(() -> onFx(() -> leakingServerSocket(tree) != null));
        TreeItem<ChannelzRow> socket = onFx(() -> leakingServerSocket(tree));
        robot.interact(() -> tree.getSelectionModel().select(socket));
        long openAtSelection = onFx(() -> socket.getValue().open());
        double chartedAtSelection = onFx(() -> lastValue("grpc-open-streams", 1));

        await().atMost(EVENT).until(() -> onFx(() -> socket.getValue().open() > openAtSelection + 2));

        assertThat(onFx(() -> tree.getSelectionModel().getSelectedItem()))
                .as("the selection survives refreshes")
                .isSameAs(socket);
        TextArea details = robot.lookup(".channelz-details").queryAs(TextArea.class);
        String detailText = onFx(details::getText);
        assertThat(detailText).contains("Streams:").contains("open").contains("Last remote stream");
        assertThat(onFx(() -> tree.getRoot().getChildren().get(0).getValue().name()))
                .startsWith("Channels (");
        // the chart takes channelz's points with the next JVM tick: wait for it rather than race it
        await().atMost(EVENT)
                .untilAsserted(() -> assertThat(onFx(() -> lastValue("grpc-open-streams", 1)))
                        .as("the server-side open-streams chart grows while the demo leaks")
                        .isGreaterThan(chartedAtSelection));
    }

    /**
     * The demo server's connection with the most open streams: the leak's server side. (The channelz walker's own
     * connection has open streams too, its calls in flight, so "some open streams" is not enough.)
     */
    private static TreeItem<ChannelzRow> leakingServerSocket(TreeTableView<ChannelzRow> tree) {
        TreeItem<ChannelzRow> most = null;
        for (TreeItem<ChannelzRow> server : tree.getRoot().getChildren().get(1).getChildren()) {
            for (TreeItem<ChannelzRow> socket : server.getChildren()) {
                Long open = socket.getValue().open();
                if (socket.getValue().name().startsWith("server socket")
                        && open != null
                        && (most == null || open > most.getValue().open())) {
                    most = socket;
                }
            }
        }
        return most != null && most.getValue().open() > 20 ? most : null;
    }

    private double lastValue(String chartId, int series) {
        XYDataset dataset = model.targets().get(0).charts().stream()
                .filter(chart -> chart.id().equals(chartId))
                .findFirst()
                .orElseThrow()
                .chart()
                .getXYPlot()
                .getDataset();
        for (int item = dataset.getItemCount(series) - 1; item >= 0; item--) {
            double value = dataset.getYValue(series, item);
            if (!Double.isNaN(value)) {
                return value;
            }
        }
        return Double.NaN;
    }

    @Test
    void groupedByCreationSiteTheStreamsTabNamesTheDemosLeakingLineFirstWithItsStack(FxRobot robot) throws Exception {
        // a 2 s lifetime makes the leaked streams overdue within seconds; the setting is remembered, so put it back
        robot.interact(() -> model.lifetimeProperty().set(LifetimePolicy.parse(List.of("2s"))));
        try {
            TestWindow.connect(robot, model, DEMO.target());
            robot.clickOn("Streams");
            @SuppressWarnings("unchecked")
            ChoiceBox<StreamGrouping> groupBy =
                    robot.lookup("#streams-group-by").queryAs(ChoiceBox.class);
            robot.interact(() -> groupBy.setValue(StreamGrouping.SITE));
            @SuppressWarnings("unchecked")
            TableView<GroupRowView> groups = robot.lookup("#streams-groups").queryAs(TableView.class);
            // the leaked streams pile up while the healthy calls end: on a starved machine a healthy call may
            // outlive 2 s for a moment and lead briefly, but the leak overtakes it and stays first
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> onFx(() -> !groups.getItems().isEmpty()
                            && groups.getItems().get(0).overdue() > 0
                            && groups.getItems().get(0).group().contains("DemoTraffic.watchAndAbandon(")));

            GroupRowView first = onFx(() -> groups.getItems().get(0));
            assertThat(first.group()).contains("DemoTraffic.watchAndAbandon(DemoTraffic.java:");
            assertThat(first.method()).isEqualTo("streamscope.demo.Inventory/Watch");
            boolean groupsShown = onFx(() -> groups.getParent().isVisible());
            assertThat(groupsShown)
                    .as("the grouped table replaces the stream table")
                    .isTrue();
            assertThat(onFx(() -> robot.lookup("#streams-table").query().isVisible()))
                    .isFalse();
            robot.interact(() -> groups.getSelectionModel().select(0));
            TextArea frames = robot.lookup("#streams-site-frames").queryAs(TextArea.class);
            String stack = onFx(frames::getText);
            assertThat(stack)
                    .as("the recorded stack, ready to copy")
                    .startsWith("\tat dev.streamscope.app.demo.DemoTraffic.watchAndAbandon(");
            assertThat(onFx(() -> groups.getItems().stream()
                            .filter(row -> row.group().startsWith("opened by remote client"))
                            .toList()))
                    .as("server streams name their opener, the remote client")
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row.group()).endsWith("(server side: the opener is the client)"));
        } finally {
            robot.interact(() -> model.lifetimeProperty().set(LifetimePolicy.DEFAULT));
        }
    }

    @Test
    void aRefusedConnectionIsExplainedInTheDialogAndTheInputIsKept(FxRobot robot) throws Exception {
        int closedPort = ChildJvm.freePort();

        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TextField address = robot.lookup("#connect-address").queryAs(TextField.class);
        robot.interact(() -> address.setText("127.0.0.1:" + closedPort));
        robot.clickOn("#connect-button");

        Label message = robot.lookup("#connect-message").queryAs(Label.class);
        await().atMost(EVENT)
                .untilAsserted(() -> assertThat(onFx(message::getText)).contains("Nothing listens"));
        assertThat(message.getText()).contains("127.0.0.1:" + closedPort).contains("jmxremote.port");
        assertThat(message.getStyleClass()).contains("error");
        assertThat(address.getText()).isEqualTo("127.0.0.1:" + closedPort);
        assertThat(onFx(() -> model.targets().size()))
                .as("no tab for a failed connection")
                .isZero();
    }

    @Test
    void aRecordingOpensReadOnlyAndTwoOfThemCompare(FxRobot robot) throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), recordingsFolder.resolve("before"));

        robot.interact(() -> model.openRecording(folder));
        robot.interact(() -> model.openRecording(folder));

        await().atMost(EVENT).until(() -> onFx(() -> model.openRecordings().size() == 2));
        WaitForAsyncUtils.waitForFxEvents();
        TargetViewModel opened = onFx(() -> model.openRecordings().get(0));
        assertThat(onFx(() -> opened.titleProperty().get())).isEqualTo("Recording: prod-api-7:9010");
        Label status = robot.lookup("#target-status-message").queryAs(Label.class);
        assertThat(onFx(status::getText))
                .startsWith("recording of prod-api-7:9010, from ")
                .endsWith("read-only");
        assertThat(robot.lookup("#chart-heap").tryQuery()).isPresent();
        assertThat(onFx(() -> opened.charts().stream()
                        .filter(chart -> chart.id().equals("heap"))
                        .mapToInt(LiveChart::pointCount)
                        .sum()))
                .as("the heap chart shows the recorded points")
                .isPositive();

        MenuBar menus = robot.lookup("#menuBar").queryAs(MenuBar.class);
        MenuItem compare = onFx(() -> menus.getMenus().stream()
                .flatMap(menu -> menu.getItems().stream())
                .filter(item -> "compareItem".equals(item.getId()))
                .findFirst()
                .orElseThrow());
        robot.interact(compare::fire);

        @SuppressWarnings("unchecked")
        TableView<Object> table = robot.lookup("#compare-table").queryAs(TableView.class);
        assertThat(onFx(() -> table.getItems().size())).isEqualTo(12);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    @Test
    void aWatchedTabSavesAnIncidentOnCtrlBAndWhenTheLeakGrowsAndIsWatchedAgainNextTime(FxRobot robot) throws Exception {
        robot.interact(() -> model.rememberExport(800, 450, incidentsFolder)); // where a tab's incidents go
        TargetViewModel target = TestWindow.connect(robot, model, DEMO.target());
        assertThat(onFx(() -> target.watchingProperty().get()))
                .as("off by default")
                .isFalse();

        robot.clickOn("#watch-box");

        assertThat(onFx(() -> target.watchingProperty().get())).isTrue();
        assertThat(robot.lookup("#watch-text").queryAs(Label.class).getText())
                .startsWith("Watching for a leak starting; incident folders go to " + incidentsFolder);
        assertThat(settingsHome.resolve("watched.properties")).content().contains("Demo=true");
        await().atMost(EVENT).until(() -> onFx(() -> points("heap") >= 3));

        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);

        await().atMost(EVENT)
                .until(() -> onFx(() -> model.statusLineProperty().get()).startsWith("Saved the incident folder "));
        Path incident;
        try (Stream<Path> folders = Files.list(incidentsFolder)) {
            incident = folders.filter(folder -> folder.getFileName().toString().startsWith("incident-manual-"))
                    .findFirst()
                    .orElseThrow();
        }
        JsonObject file = JsonParser.parseString(Files.readString(incident.resolve("incident.json")))
                .getAsJsonObject();
        assertThat(file.get("trigger").getAsString()).isEqualTo("manual");
        assertThat(file.get("histogramAtTrigger").getAsString()).isEqualTo(RecordingFiles.HISTOGRAM_START);
        assertThat(incident.resolve(RecordingFiles.HISTOGRAM_START)).isNotEmptyFile();
        assertThat(Files.readString(incident.resolve("threads-at-trigger.txt"))).contains("streamscope-demo-traffic");
        assertThat(RecordingReader.read(incident).store().find(SeriesKeys.HEAP_USED))
                .as("the folder is a recording File → Open recording reads, with the heap up to now")
                .hasValueSatisfying(heap -> assertThat(heap.size()).isPositive());

        robot.interact(() -> model.openRecording(incident)); // as --open does
        await().atMost(EVENT).until(() -> onFx(() -> model.openRecordings().size() == 1));

        TargetViewModel opened = onFx(() -> model.openRecordings().get(0));
        assertThat(onFx(opened::canWatch))
                .as("a recording from a folder has nothing to watch")
                .isFalse();
        robot.interact(() -> model.close(opened));

        // the demo leaks from its start: with the shortest trend window its growth fires the tab's watch in seconds
        robot.interact(() -> model.trendWindowProperty().set(Settings.MIN_TREND_WINDOW));
        // growth opens an incident, or joins the one another trigger of the same leak opened (overdue, live set)
        Path growing;
        try {
            growing = await().atMost(EVENT)
                    .ignoreExceptions() // a line still being written
                    .until(DashboardUiTest::folderGrowthWentInto, Objects::nonNull);
        } finally {
            robot.interact(() -> model.trendWindowProperty().set(StreamGrowth.DEFAULT_WINDOW));
        }
        assertThat(onFx(() -> target.watchTextProperty().get())).startsWith("Watch: ");
        robot.interact(() -> model.close(target)); // writes the incident still recording its --after, with what it has
        await().atMost(EVENT).until(() -> Files.exists(growing.resolve("incident.json")));
        // and every other incident it was recording: its thread ends once they are written
        await().atMost(EVENT)
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(thread -> thread.getName().startsWith("streamscope-watch-")));
        JsonObject fired = JsonParser.parseString(Files.readString(growing.resolve("incident.json")))
                .getAsJsonObject();
        List<String> evidence = new ArrayList<>(List.of(fired.get("evidence").getAsString()));
        fired.getAsJsonArray("alsoFired")
                .forEach(joined ->
                        evidence.add(joined.getAsJsonObject().get("evidence").getAsString()));
        assertThat(evidence).anySatisfy(text -> assertThat(text).startsWith("open streams growing +"));
        assertThat(fired.get("endedEarly").getAsString()).contains("before the end of --after");

        // the next time this target is connected, its tab watches again
        // (not connected: a watch left running would write into the test's folder after the test)
        TargetSpec demo = DEMO.target();
        assertThat(onFx(() -> model.createTarget(demo).watchingProperty().get()))
                .isTrue();
    }

    /** The folder the tab's watch.log says the growing trigger opened or joined, or null before it fired. */
    private static Path folderGrowthWentInto() throws Exception {
        Path log = incidentsFolder.resolve("watch.log");
        if (!Files.exists(log)) {
            return null;
        }
        for (String line : Files.readAllLines(log)) {
            JsonObject event = JsonParser.parseString(line).getAsJsonObject();
            if (event.get("event").getAsString().equals("trigger")
                    && event.get("trigger").getAsString().equals("growing")) {
                return Path.of((event.has("folder") ? event.get("folder") : event.get("joined")).getAsString());
            }
        }
        return null;
    }

    private int points(String chartId) {
        return model.targets().get(0).charts().stream()
                .filter(chart -> chart.id().equals(chartId))
                .mapToInt(LiveChart::pointCount)
                .sum();
    }

    private static List<Path> pngs() throws Exception {
        try (Stream<Path> files = Files.list(exportFolder)) {
            return files.filter(file -> file.toString().endsWith(".png")).toList();
        }
    }

    /** The charts every JVM sample fills, whatever the collector and the traffic. */
    private static final Set<String> ALWAYS_FILLED = Set.of("heap", "threads", "memory-pools");

    /** The chart a PNG was exported from: its file name starts with the chart's id (the longest that fits). */
    private static LiveChart chartOf(List<LiveChart> charts, Path png) {
        String name = png.getFileName().toString();
        return charts.stream()
                .filter(chart -> name.startsWith(chart.id() + "-"))
                .max(Comparator.comparingInt(chart -> chart.id().length()))
                .orElseThrow(() -> new AssertionError("no chart for " + name));
    }

    /**
     * The series with points whose colour (as the renderer paints it) covers pixels inside the image's plot area: the
     * lines themselves, not the legend's samples of their colours.
     */
    private static List<Integer> drawnSeries(LiveChart chart, BufferedImage image) throws Exception {
        Rectangle area = dataArea(chart, image.getWidth(), image.getHeight());
        BufferedImage plotted = image.getSubimage(area.x, area.y, area.width, area.height);
        List<Integer> drawn = new ArrayList<>();
        XYPlot plot = chart.chart().getXYPlot();
        XYDataset dataset = plot.getDataset();
        for (int series = 0; series < onFx(dataset::getSeriesCount); series++) {
            int index = series;
            if (onFx(() -> dataset.getItemCount(index)) > 0
                    && plot.getRenderer().getItemPaint(series, 0) instanceof Color colour
                    && ChartImages.pixelsNear(plotted, colour, 24) >= 4) {
                drawn.add(series);
            }
        }
        return drawn;
    }

    /** Where the chart, drawn at this size, puts its data (inside the axes, above the legend). */
    private static Rectangle dataArea(LiveChart chart, int width, int height) throws Exception {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = scratch.createGraphics();
        try {
            onFx(() -> {
                chart.chart().draw(graphics, new Rectangle2D.Double(0, 0, width, height), info);
                return null;
            });
        } finally {
            graphics.dispose();
        }
        Rectangle area = info.getPlotInfo().getDataArea().getBounds();
        area.grow(3, 3); // the axes may have moved a little since the export, their labels measured anew
        return area.intersection(new Rectangle(0, 0, width, height));
    }
}
