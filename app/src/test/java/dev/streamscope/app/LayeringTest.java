package dev.streamscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Connectors, analysis, charts and the headless mode must run with no JavaFX toolkit: only {@code ui} may touch it. */
@AnalyzeClasses(packages = "dev.streamscope.app", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

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
                    "dev.streamscope.app.ui..", "dev.streamscope.app.series..", "dev.streamscope.app.chart..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javax.management.openmbean..", "io.grpc.channelz..", "com.google.protobuf..")
            .because("protobuf messages and CompositeData are mapped to records at the edge")
            // the packages fill up issue by issue; the rule bites as soon as they hold a class
            .allowEmptyShould(true);
}
