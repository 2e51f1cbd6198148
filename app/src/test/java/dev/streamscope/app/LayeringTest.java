package dev.streamscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the app: connectors, analysis, charts and the headless mode run with no JavaFX toolkit (only {@code ui}
 * may touch it), packages form no cycles, and each layer uses only the layers below it.
 */
@AnalyzeClasses(packages = "dev.streamscope.app", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String APP = "dev.streamscope.app.";

    @ArchTest
    static final ArchRule onlyUiUsesJavaFx = noClasses()
            .that()
            .resideOutsideOfPackage("dev.streamscope.app.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.jfree.chart.fx..")
            .because("connectors, analysis and headless capture must run without a display");

    @ArchTest
    static final ArchRule wireTypesStayAtTheEdge = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.streamscope.app.ui..",
                    "dev.streamscope.app.series..",
                    "dev.streamscope.app.chart..",
                    "dev.streamscope.app.recording..",
                    "dev.streamscope.app.streams..",
                    "dev.streamscope.app.threads..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javax.management.openmbean..", "io.grpc.channelz..", "com.google.protobuf..")
            .because("protobuf messages and CompositeData are mapped to records at the edge");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.streamscope.app.(*)..").should().beFreeOfCycles();

    /** Inside a room too (the jmx concerns, the ui pages and their root): no two packages use each other. */
    @ArchTest
    static final ArchRule noCyclesBetweenAnyTwoPackages =
            slices().matching("dev.streamscope.app.(**)").should().beFreeOfCycles();

    /** Bottom to top: each layer may use only those below it. */
    @ArchTest
    static final ArchRule layersPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Base")
            .definedBy(APP + "base..", APP + "lifetime..")
            .layer("Connectors")
            .definedBy(APP + "jmx..", APP + "channelz..", APP + "demo..")
            .layer("Session")
            .definedBy(APP + "session..", APP + "settings..")
            .layer("Analysis")
            .definedBy(
                    APP + "streams..",
                    APP + "series..",
                    APP + "histogram..",
                    APP + "threads..",
                    APP + "recording..",
                    APP + "fleet..")
            .layer("Charts")
            .definedBy(APP + "chart..")
            .layer("Archive")
            .definedBy(APP + "archive..")
            .layer("Live")
            .definedBy(APP + "live..")
            .layer("Watch")
            .definedBy(APP + "watch..")
            .layer("CommandLine")
            .definedBy(APP + "cli..")
            .layer("Front")
            .definedBy(APP + "ui..", APP + "capture..", APP + "fleetcli..")
            .whereLayer("Front")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("CommandLine")
            .mayOnlyBeAccessedByLayers("Front")
            .whereLayer("Watch")
            .mayOnlyBeAccessedByLayers("Front")
            .whereLayer("Live")
            .mayOnlyBeAccessedByLayers("Watch", "Front")
            .whereLayer("Archive")
            .mayOnlyBeAccessedByLayers("Live", "Watch", "CommandLine", "Front")
            .whereLayer("Charts")
            .mayOnlyBeAccessedByLayers("Archive", "Live", "Watch", "CommandLine", "Front")
            .whereLayer("Analysis")
            .mayOnlyBeAccessedByLayers("Charts", "Archive", "Live", "Watch", "CommandLine", "Front")
            .whereLayer("Session")
            .mayOnlyBeAccessedByLayers("Analysis", "Charts", "Archive", "Live", "Watch", "CommandLine", "Front")
            .whereLayer("Connectors")
            .mayOnlyBeAccessedByLayers(
                    "Session", "Analysis", "Charts", "Archive", "Live", "Watch", "CommandLine", "Front")
            .withOptionalLayers(true);

    private static final String UI = APP + "ui";

    /**
     * A package per page (its view, view model and rows together); pages meet only through the plumbing at the ui root.
     * The composition that exists: the main window holds every page; a target's page holds its Streams, Channelz,
     * Histogram and Threads tabs; the leaf pages use no other page, and the root uses none.
     */
    @ArchTest
    static final ArchRule pagesUseOnlyThePagesTheyHold = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Plumbing")
            .definedBy(UI)
            .layer("Main")
            .definedBy(UI + ".main..")
            .layer("Target")
            .definedBy(UI + ".target..")
            .layer("Streams")
            .definedBy(UI + ".streams..")
            .layer("Channelz")
            .definedBy(UI + ".channelz..")
            .layer("Histogram")
            .definedBy(UI + ".histogram..")
            .layer("Threads")
            .definedBy(UI + ".threads..")
            .layer("Fleet")
            .definedBy(UI + ".fleet..")
            .layer("Look")
            .definedBy(UI + ".look..")
            .whereLayer("Main")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Target")
            .mayOnlyBeAccessedByLayers("Main")
            .whereLayer("Streams")
            .mayOnlyBeAccessedByLayers("Main", "Target")
            .whereLayer("Channelz")
            .mayOnlyBeAccessedByLayers("Main", "Target")
            .whereLayer("Histogram")
            .mayOnlyBeAccessedByLayers("Main", "Target")
            .whereLayer("Threads")
            .mayOnlyBeAccessedByLayers("Main", "Target")
            .whereLayer("Fleet")
            .mayOnlyBeAccessedByLayers("Main")
            .whereLayer("Look")
            .mayOnlyBeAccessedByLayers("Main")
            .whereLayer("Plumbing")
            .mayOnlyBeAccessedByLayers("Main", "Target", "Streams", "Channelz", "Histogram", "Threads", "Fleet", "Look")
            .because("a page is found in its own folder and changed without reaching into another");
}
