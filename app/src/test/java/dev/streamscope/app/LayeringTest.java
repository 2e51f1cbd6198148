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
                    "dev.streamscope.app.streams..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javax.management.openmbean..", "io.grpc.channelz..", "com.google.protobuf..")
            .because("protobuf messages and CompositeData are mapped to records at the edge");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.streamscope.app.(*)..").should().beFreeOfCycles();

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
            .definedBy(APP + "streams..", APP + "series..", APP + "recording..", APP + "fleet..")
            .layer("Charts")
            .definedBy(APP + "chart..")
            .layer("Archive")
            .definedBy(APP + "archive..")
            .layer("Live")
            .definedBy(APP + "live..")
            .layer("CommandLine")
            .definedBy(APP + "cli..")
            .layer("Front")
            .definedBy(APP + "ui..", APP + "capture..", APP + "fleetcli..")
            .whereLayer("Front")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("CommandLine")
            .mayOnlyBeAccessedByLayers("Front")
            .whereLayer("Live")
            .mayOnlyBeAccessedByLayers("Front")
            .whereLayer("Archive")
            .mayOnlyBeAccessedByLayers("Live", "CommandLine", "Front")
            .whereLayer("Charts")
            .mayOnlyBeAccessedByLayers("Archive", "Live", "CommandLine", "Front")
            .whereLayer("Analysis")
            .mayOnlyBeAccessedByLayers("Charts", "Archive", "Live", "CommandLine", "Front")
            .whereLayer("Session")
            .mayOnlyBeAccessedByLayers("Analysis", "Charts", "Archive", "Live", "CommandLine", "Front")
            .whereLayer("Connectors")
            .mayOnlyBeAccessedByLayers("Session", "Analysis", "Charts", "Archive", "Live", "CommandLine", "Front")
            .withOptionalLayers(true);
}
