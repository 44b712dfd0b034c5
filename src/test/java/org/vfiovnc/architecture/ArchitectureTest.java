package org.vfiovnc.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package map as rules (docs/architecture.md draws it): data flows one way, from the source
 * through the refresh loop and the differ to the viewer sessions, their encoders and the transports;
 * the wiring lives at the top, in {@code server} (and {@code cli}, which parses the command line).
 * A layer names who may use it, so a dependency pointing the wrong way fails here with its class.
 */
@AnalyzeClasses(packages = "org.vfiovnc", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.vfiovnc.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersPointDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Cli").definedBy("org.vfiovnc.cli..")
            .layer("Server").definedBy("org.vfiovnc.server..")
            .layer("Metrics").definedBy("org.vfiovnc.metrics..")
            .layer("Record").definedBy("org.vfiovnc.record..")
            .layer("Rfb").definedBy("org.vfiovnc.rfb..")
            .layer("Encoding").definedBy("org.vfiovnc.encoding..")
            .layer("Protocol").definedBy("org.vfiovnc.protocol..")
            .layer("Display").definedBy("org.vfiovnc.display..")
            .layer("Damage").definedBy("org.vfiovnc.damage..")
            .layer("Source").definedBy("org.vfiovnc.source..")
            .layer("Input").definedBy("org.vfiovnc.input..")
            .layer("Qmp").definedBy("org.vfiovnc.qmp..")
            .layer("TransportWiring").definedBy("org.vfiovnc.transport.door..")
            .layer("Transport").definedBy("org.vfiovnc.transport", "org.vfiovnc.transport.tcp..",
                    "org.vfiovnc.transport.tls..", "org.vfiovnc.transport.websocket..",
                    "org.vfiovnc.transport.http..", "org.vfiovnc.transport.sniff..")
            .layer("Surface").definedBy("org.vfiovnc.surface..")
            .layer("Systemd").definedBy("org.vfiovnc.systemd..")
            .layer("Access").definedBy("org.vfiovnc.access..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Server").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Server", "Cli")
            .whereLayer("Record").mayOnlyBeAccessedByLayers("Server", "Cli")
            .whereLayer("TransportWiring").mayOnlyBeAccessedByLayers("Server", "Cli")
            .whereLayer("Rfb").mayOnlyBeAccessedByLayers("Metrics", "Server", "Cli")
            .whereLayer("Encoding").mayOnlyBeAccessedByLayers("Rfb", "Server", "Cli")
            .whereLayer("Protocol").mayOnlyBeAccessedByLayers("Encoding", "Rfb", "Metrics", "Server", "Cli")
            .whereLayer("Display").mayOnlyBeAccessedByLayers("Rfb", "Metrics", "Server", "Cli")
            .whereLayer("Damage").mayOnlyBeAccessedByLayers("Display", "Encoding", "Rfb", "Metrics", "Record",
                    "Server", "Cli")
            .whereLayer("Source").mayOnlyBeAccessedByLayers("Display", "Metrics", "Record", "Server", "Cli")
            .whereLayer("Input").mayOnlyBeAccessedByLayers("Source", "Rfb", "Server", "Cli")
            .whereLayer("Qmp").mayOnlyBeAccessedByLayers("Input", "Server", "Cli")
            .whereLayer("Transport").mayOnlyBeAccessedByLayers("TransportWiring", "Rfb", "Metrics", "Server", "Cli")
            .whereLayer("Systemd").mayOnlyBeAccessedByLayers("Server", "Cli")
            .whereLayer("Access").mayOnlyBeAccessedByLayers("TransportWiring", "Rfb", "Server", "Cli");
}
