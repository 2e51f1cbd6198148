package dev.streamscope.app.ui.fleet;

import dev.streamscope.app.base.ClockText;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.fleet.AddressTemplate;
import dev.streamscope.app.fleet.FleetMethod;
import dev.streamscope.app.fleet.FleetMetrics;
import dev.streamscope.app.fleet.FleetPoller;
import dev.streamscope.app.fleet.FleetRow;
import dev.streamscope.app.fleet.FleetSnapshot;
import dev.streamscope.app.fleet.FleetSource;
import dev.streamscope.app.fleet.LabelFilter;
import dev.streamscope.app.fleet.PrometheusEndpoint;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.settings.FleetSettings;
import dev.streamscope.app.settings.FleetSettingsStore;
import dev.streamscope.app.ui.TaskRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Fleet tab: every instance Prometheus knows with the jmx-bridge's metrics, worst first, refreshed in the
 * background every 15 s by a {@link FleetPoller}; a label filter; Open connects a normal target tab to the selected instance, its addresses
 * built from templates over its labels. Lives on the FX thread; the URL and templates are remembered, secrets never.
 */
public final class FleetViewModel {

    /** One instance's line; its row is replaced in place, so the table keeps its selection and scroll. */
    public static final class Entry {
        private final ReadOnlyObjectWrapper<FleetRow> row;

        Entry(FleetRow row) {
            this.row = new ReadOnlyObjectWrapper<>(row);
        }

        public ReadOnlyObjectProperty<FleetRow> rowProperty() {
            return row.getReadOnlyProperty();
        }

        public FleetRow row() {
            return row.get();
        }
    }

    private final TaskRunner tasks;
    private final FleetSettingsStore store;
    private final Map<String, String> environment;
    private final FleetPoller poller;
    private final Consumer<TargetSpec> opener;
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty jmxTemplate = new SimpleStringProperty("");
    private final StringProperty channelzTemplate = new SimpleStringProperty("");
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final FilteredList<Entry> shown = new FilteredList<>(entries);
    private final ObservableList<FleetMethod> methods = FXCollections.observableArrayList();
    private Entry selected;
    private FleetSettings settings;

    /**
     * @param environment where the token and password come from ({@code System.getenv()})
     * @param opener connects a target tab ({@code MainViewModel} does)
     */
    public FleetViewModel(
            TaskRunner tasks,
            FleetSettingsStore store,
            Map<String, String> environment,
            Duration trendWindow,
            Consumer<TargetSpec> opener) {
        this.tasks = tasks;
        this.store = store;
        this.environment = Map.copyOf(environment);
        this.poller = new FleetPoller(trendWindow);
        this.opener = opener;
        this.settings = store.load();
        url.set(settings.prometheusUrl());
        jmxTemplate.set(settings.jmxTemplate());
        channelzTemplate.set(settings.channelzTemplate());
        filter.addListener((observable, before, now) -> applyFilter());
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty jmxTemplateProperty() {
        return jmxTemplate;
    }

    public StringProperty channelzTemplateProperty() {
        return channelzTemplate;
    }

    /** {@code job=api namespace=prod}, or words found in any label. */
    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the status is a problem to fix rather than a summary. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The instances that pass the filter, worst first. */
    public ObservableList<Entry> entries() {
        return FXCollections.unmodifiableObservableList(shown);
    }

    /** Over how long an instance's open streams must climb to count as growing. */
    Duration trendWindow() {
        return poller.trendWindow();
    }

    /** Refreshes now and then every {@link FleetPoller#REFRESH_EVERY} until {@link #close()}. */
    public void start() {
        refresh();
        poller.repeat(() -> tasks.onUiThread(this::refresh));
    }

    /** Reads the fleet in the background; skipped while the previous refresh is still running. */
    public void refresh() {
        if (busy.get()) {
            return;
        }
        String typed = url.get().strip();
        if (typed.isEmpty()) {
            fail("Type the URL of the Prometheus that scrapes your services, e.g. http://prometheus:9090");
            return;
        }
        PrometheusEndpoint endpoint;
        FleetMetrics metrics;
        try {
            endpoint = PrometheusEndpoint.of(typed, settings.caFile(), settings.user(), environment);
            metrics = settings.metrics().isBlank() ? FleetMetrics.DEFAULTS : FleetMetrics.parse(settings.metrics());
        } catch (IllegalArgumentException problem) {
            fail(problem.getMessage());
            return;
        }
        busy.set(true);
        tasks.background(
                () -> poller.evaluate(endpoint, metrics),
                fleet -> {
                    busy.set(false);
                    apply(fleet);
                    remember(settings.withPrometheus(typed));
                },
                problem -> {
                    busy.set(false);
                    fail(problem.getMessage());
                });
    }

    /** Every method of the selected instance, fastest growing first. */
    public ObservableList<FleetMethod> methods() {
        return methods;
    }

    /** Shows {@code entry}'s methods (none for null), kept up to date as refreshes replace its row. */
    public void select(Entry entry) {
        selected = entry;
        showMethods();
    }

    private void showMethods() {
        methods.setAll(selected == null ? List.of() : selected.row().methods());
    }

    /** Connects a target tab to {@code entry}'s instance, addresses from the templates; problems go to the status. */
    public void open(Entry entry) {
        if (entry == null) {
            return;
        }
        FleetRow row = entry.row();
        try {
            // a Go (non-JVM) instance has no JMX: channelz only
            String jmx = FleetSource.GO_GRPC_PROMETHEUS.id().equals(row.source())
                    ? ""
                    : AddressTemplate.expand(jmxTemplate.get(), row);
            String channelz = AddressTemplate.expand(channelzTemplate.get(), row);
            TargetSpec spec =
                    TargetSpecs.parse(jmx, null, null, false, channelz, TargetSpecs.ChannelzOptions.PLAINTEXT);
            remember(settings.withTemplates(jmxTemplate.get(), channelzTemplate.get()));
            opener.accept(spec);
        } catch (IllegalArgumentException | TargetProblem problem) {
            fail("Cannot open " + row.instance() + ": " + problem.getMessage());
        }
    }

    /** Stops refreshing; the tab is gone. */
    public void close() {
        poller.close();
    }

    private void apply(FleetSnapshot fleet) {
        Map<String, Entry> existing = new HashMap<>();
        entries.forEach(entry -> existing.put(entry.row().instance(), entry));
        Map<String, Integer> rank = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (FleetRow row : fleet.rows()) {
            rank.put(row.instance(), rank.size());
            seen.add(row.instance());
            Entry entry = existing.get(row.instance());
            if (entry == null) {
                entries.add(new Entry(row));
            } else {
                entry.row.set(row);
            }
        }
        entries.removeIf(entry -> !seen.contains(entry.row().instance()));
        // a permutation, not a new list: the table keeps its selected item and scroll position
        FXCollections.sort(
                entries,
                (a, b) -> rank.get(a.row().instance()) - rank.get(b.row().instance()));
        showMethods();
        failed.set(false);
        status.set(summary(fleet));
    }

    private void applyFilter() {
        String text = filter.get();
        shown.setPredicate(entry -> LabelFilter.matches(text, entry.row().labels()));
    }

    private static String summary(FleetSnapshot fleet) {
        long overdue = fleet.rows().stream().filter(FleetRow::hasOverdue).count();
        long growing = fleet.rows().stream().filter(FleetRow::grows).count();
        String text = String.format(
                Locale.ROOT,
                "%,d instances · %d with overdue streams · %d growing over %s · refreshed %s in %d ms (%d queries)",
                fleet.rows().size(),
                overdue,
                growing,
                DurationText.format(fleet.trendWindow()),
                ClockText.format(fleet.at()),
                fleet.took().toMillis(),
                fleet.queries());
        return fleet.omitted() > 0 ? text + " · " + fleet.omitted() + " least bad instances not shown" : text;
    }

    private void fail(String message) {
        failed.set(true);
        status.set(message);
    }

    private void remember(FleetSettings updated) {
        if (updated.equals(settings)) {
            return;
        }
        settings = updated;
        try {
            store.save(updated);
        } catch (IOException e) {
            fail("Could not save the fleet settings to " + store.file() + ": " + e.getMessage());
        }
    }

    // cell texts, here so the controller only binds

    static String count(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String perMinute(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+,.0f/min", value);
    }

    /** "server grpc.health.v1.Health/Watch, 2,310 in flight", or "–" for a bridge row. */
    static String method(FleetRow row) {
        return row.method() == null
                ? "–"
                : row.side() + " " + row.method() + ", " + count(row.inFlight()) + " in flight";
    }

    static String source(FleetRow row) {
        return row.source();
    }

    static String age(double seconds) {
        return Double.isNaN(seconds) ? "–" : DurationText.age(Duration.ofMillis((long) (seconds * 1000)));
    }

    static String heap(FleetRow row) {
        if (Double.isNaN(row.heapUsedBytes())) {
            return "–";
        }
        String used = SizeText.wholeMebibytes(row.heapUsedBytes());
        return Double.isNaN(row.heapMaxBytes()) ? used : used + " of " + SizeText.wholeMebibytes(row.heapMaxBytes());
    }

    static String labels(FleetRow row) {
        return new TreeMap<>(row.labels())
                .entrySet().stream()
                        .filter(label -> !"instance".equals(label.getKey()))
                        .map(label -> label.getKey() + "=" + label.getValue())
                        .collect(Collectors.joining(" "));
    }
}
