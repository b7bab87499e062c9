package io.jnetlink.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.jnetlink.archfixture.ForbiddenExec;
import io.jnetlink.archfixture.ForbiddenProcessBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules over the main code of every shipped module (this module depends on all of them; test classes are
 * excluded). A failure here fails the build.
 */
class ArchitectureTest {

    private static final String FFM_PACKAGE = "io.jnetlink.core.internal.ffm..";

    /** Main code never executes a program: no ProcessBuilder, no Runtime.exec. */
    static final ArchRule NO_PROGRAM_EXECUTION = noClasses()
            .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
            .orShould().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "Runtime.exec", call -> call.getTarget().getOwner().isEquivalentTo(Runtime.class)
                            && call.getTarget().getName().equals("exec")))
            .because("jnetlink replaces exec'd tools; its main code must never run a program");

    /** Native downcalls live in one internal package. */
    static final ArchRule FFM_CONFINED = noClasses()
            .that().resideOutsideOfPackage(FFM_PACKAGE)
            .should().dependOnClassesThat().belongToAnyOf(Linker.class, SymbolLookup.class)
            .because("syscalls live in io.jnetlink.core.internal.ffm only");

    /** Only the core reaches into the syscall package. */
    static final ArchRule INTERNAL_STAYS_INTERNAL = noClasses()
            .that().resideOutsideOfPackage("io.jnetlink.core..")
            .should().dependOnClassesThat().resideInAPackage(FFM_PACKAGE)
            .because("everything above the core sees sockets, namespaces and messages");

    /** Layers point downwards: core knows nothing of rtnetlink, the CLI or the testkit. */
    static final ArchRule CORE_IS_BOTTOM = noClasses()
            .that().resideInAPackage("io.jnetlink.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jnetlink.route..", "io.jnetlink.genl..",
                    "io.jnetlink.nftables..", "io.jnetlink.cli..", "io.jnetlink.testkit..", "io.jnetlink.bench..");

    static final ArchRule ROUTE_BELOW_CLI = noClasses()
            .that().resideInAPackage("io.jnetlink.route..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jnetlink.cli..", "io.jnetlink.testkit..",
                    "io.jnetlink.bench..");

    static final ArchRule NFTABLES_BELOW_CLI = noClasses()
            .that().resideInAPackage("io.jnetlink.nftables..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jnetlink.route..", "io.jnetlink.cli..",
                    "io.jnetlink.testkit..", "io.jnetlink.bench..")
            .because("nftables needs only the netlink core");

    /** Inside nftables: the value model and expressions know nothing of the wire, the text or the language. */
    static final ArchRule NFT_MODEL_IS_BOTTOM = noClasses()
            .that().resideInAnyPackage("io.jnetlink.nftables.model..", "io.jnetlink.nftables.expr..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jnetlink.nftables.wire..",
                    "io.jnetlink.nftables.text..", "io.jnetlink.nftables.lang..", "io.jnetlink.nftables.monitor..",
                    "io.jnetlink.nftables.log..");

    /** Rendering and compiling are two independent directions over the shared protocol knowledge. */
    static final ArchRule RENDER_AND_COMPILE_INDEPENDENT = noClasses()
            .that().resideInAPackage("io.jnetlink.nftables.text..")
            .should().dependOnClassesThat().resideInAPackage("io.jnetlink.nftables.lang..");

    private static JavaClasses mainCode;

    @BeforeAll
    static void importMainCode() {
        mainCode = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // also with -Djnl.build.suffix (target-x/test-classes), which the predefined option misses
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("io.jnetlink");
    }

    @Test
    void everyShippedModuleIsImported() {
        for (String pkg : new String[]{"io.jnetlink.core", "io.jnetlink.core.internal.ffm", "io.jnetlink.route",
                "io.jnetlink.testkit", "io.jnetlink.cli", "io.jnetlink.bench", "io.jnetlink.genl.ethtool",
                "io.jnetlink.genl.wireguard", "io.jnetlink.nftables", "io.jnetlink.nftables.expr",
                "io.jnetlink.nftables.wire", "io.jnetlink.nftables.text", "io.jnetlink.nftables.lang",
                "io.jnetlink.nftables.log"}) {
            assertTrue(mainCode.containPackage(pkg), "ArchUnit did not see package " + pkg
                    + ": the rules below would pass vacuously");
        }
    }

    @Test
    void mainCodeNeverExecutesAProgram() {
        NO_PROGRAM_EXECUTION.check(mainCode);
    }

    @Test
    void ruleCatchesProcessBuilderAndRuntimeExec() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(ForbiddenProcessBuilder.class, ForbiddenExec.class);
        EvaluationResult result = NO_PROGRAM_EXECUTION.evaluate(fixtures);
        assertTrue(result.hasViolation(), "the no-exec rule must flag ProcessBuilder and Runtime.exec");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("ForbiddenProcessBuilder"), report);
        assertTrue(report.contains("ForbiddenExec"), report);
    }

    @Test
    void foreignFunctionCallsAreConfined() {
        FFM_CONFINED.check(mainCode);
    }

    @Test
    void syscallPackageIsOnlyUsedByCore() {
        INTERNAL_STAYS_INTERNAL.check(mainCode);
    }

    @Test
    void layersPointDownwards() {
        CORE_IS_BOTTOM.check(mainCode);
        ROUTE_BELOW_CLI.check(mainCode);
        NFTABLES_BELOW_CLI.check(mainCode);
        NFT_MODEL_IS_BOTTOM.check(mainCode);
        RENDER_AND_COMPILE_INDEPENDENT.check(mainCode);
    }

    @Test
    void syscallPackageIsNotExported() {
        Module core = io.jnetlink.core.NetlinkSocket.class.getModule();
        // On the class path the module is unnamed; read the descriptor from the compiled module-info instead.
        var descriptor = core.isNamed() ? core.getDescriptor() : ModuleInfo.read("io/jnetlink/core/NetlinkSocket.class");
        assertFalse(descriptor.exports().stream().anyMatch(e -> e.source().startsWith("io.jnetlink.core.internal")),
                "io.jnetlink.core.internal.* must not be exported: " + descriptor.exports());
        assertTrue(descriptor.exports().stream().anyMatch(e -> e.source().equals("io.jnetlink.core")));
    }

    @Test
    void nftablesWirePackageIsNotExported() {
        var descriptor = ModuleInfo.read("io/jnetlink/nftables/Op.class");
        assertFalse(descriptor.exports().stream().anyMatch(e -> e.source().equals("io.jnetlink.nftables.wire")),
                "io.jnetlink.nftables.wire must not be exported: " + descriptor.exports());
        assertTrue(descriptor.exports().stream().anyMatch(e -> e.source().equals("io.jnetlink.nftables.lang")));
    }
}
