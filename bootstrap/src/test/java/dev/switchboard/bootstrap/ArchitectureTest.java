package dev.switchboard.bootstrap;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rings hold inside modules too: the domain is plain Java, the application sees no adapter. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
    }

    @Test
    void onionRings() {
        onionArchitecture()
                // a class in no ring (a new top-level package) fails the build instead of going unchecked
                .ensureAllClassesAreContainedInArchitecture()
                .domainModels("dev.switchboard.domain..")
                .domainServices("dev.switchboard.application.port..")
                .applicationServices("dev.switchboard.application.service..")
                .adapter("tcp-server", "dev.switchboard.adapter.in.tcp..")
                .adapter("tcp-client", "dev.switchboard.adapter.out.tcp..")
                .adapter("tcp-protocol", "dev.switchboard.adapter.tcp..")
                .adapter("web", "dev.switchboard.adapter.in.web..")
                .adapter("schedule", "dev.switchboard.adapter.in.schedule..")
                .adapter("persistence", "dev.switchboard.adapter.out.persistence..")
                .adapter("spool", "dev.switchboard.adapter.out.spool..")
                .adapter("http-client", "dev.switchboard.adapter.out.http..")
                .adapter("telemetry", "dev.switchboard.adapter.out.telemetry..")
                .adapter("event-log", "dev.switchboard.adapter.out.log..")
                .adapter("bootstrap", "dev.switchboard.bootstrap..")
                .ignoreDependency(
                        DescribedPredicate.describe("bootstrap", c -> c.getPackageName().startsWith("dev.switchboard.bootstrap")),
                        DescribedPredicate.alwaysTrue())
                // the server and the client of a protocol share its wire format, and nothing else
                .ignoreDependency(
                        resideInAnyPackage("dev.switchboard.adapter.in.tcp..", "dev.switchboard.adapter.out.tcp.."),
                        resideInAPackage("dev.switchboard.adapter.tcp.."))
                .check(classes);
    }

    @Test
    void domainUsesOnlyTheJdkAndNoIo() {
        // java.nio.charset: encoding text to bytes is a rule of a record format, not I/O
        ArchRuleDefinition.classes().that().resideInAPackage("dev.switchboard.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.switchboard.domain..", "java.lang..", "java.util..", "java.time..", "java.math..",
                        "java.nio.charset..")
                .check(classes);
    }

    @Test
    void applicationUsesOnlyTheDomainAndTheJdk() {
        ArchRuleDefinition.classes().that().resideInAPackage("dev.switchboard.application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.switchboard.application..", "dev.switchboard.domain..",
                        "java.lang..", "java.util..", "java.time..", "java.math..")
                .check(classes);
    }

    @Test
    void portsDoNotReachServices() {
        noClasses().that().resideInAPackage("dev.switchboard.application.port..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.application.service..")
                .check(classes);
    }

    @Test
    void aWireFormatKnowsNeitherMinaNorEitherSide() {
        noClasses().that().resideInAPackage("dev.switchboard.adapter.tcp..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.mina..",
                        "dev.switchboard.adapter.in..", "dev.switchboard.adapter.out..")
                .check(classes);
    }

    @Test
    void adaptersRecordTelemetryThroughItsPortOnly() {
        // the admin server renders the registry it is given as the Prometheus text format
        noClasses().that().resideOutsideOfPackages("dev.switchboard.adapter.out.telemetry..",
                        "dev.switchboard.adapter.in.web.admin..", "dev.switchboard.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(classes);
    }

    @Test
    void telemetryKindsAreEnums() {
        ArchRuleDefinition.classes().that().implement("dev.switchboard.application.port.out.telemetry.RequestKind")
                .or().implement("dev.switchboard.application.port.out.telemetry.ErrorKind")
                .should().beEnums()
                .check(classes);
    }

    @Test
    void everyServerRoleStartsThroughTheOneStartUpTail() {
        // ServerRuntime.run takes the signal, installs, closes on a failed install, runs until stopped
        noClasses().that().doNotBelongToAnyOf(ServerRuntime.class)
                .should().callMethod(ShutdownSignal.class, "install")
                .check(classes);
    }

    @Test
    void webAdaptersBuildJettyInOnePlace() {
        noClasses().that().resideInAPackage("dev.switchboard.adapter.in.web..")
                .and().doNotBelongToAnyOf(dev.switchboard.adapter.in.web.common.JettyListener.class)
                .should().callConstructorWhere(DescribedPredicate.describe("builds a Jetty server, connector or thread pool",
                        call -> call.getTargetOwner().isAssignableTo(org.eclipse.jetty.server.Server.class)
                                || call.getTargetOwner().isAssignableTo(org.eclipse.jetty.server.ServerConnector.class)
                                || call.getTargetOwner().isAssignableTo(org.eclipse.jetty.util.thread.QueuedThreadPool.class)))
                .check(classes);
    }

    @Test
    void theAdminServerRoutesWithJettysHandlers() {
        // one handler per path, composed by PathMappingsHandler, not one method that routes by hand
        ArchRuleDefinition.classes().that().haveFullyQualifiedName("dev.switchboard.adapter.in.web.admin.AdminServer")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.jetty.server.handler.PathMappingsHandler")
                .check(classes);
    }

    @Test
    void aServiceUsesAnotherServiceThroughItsUseCaseOnly() {
        ArchRuleDefinition.classes().that().resideInAPackage("dev.switchboard.application.service..")
                .should(new ArchCondition<JavaClass>("use no other use case's implementation") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass();
                            // a service's own nested classes may use it
                            if (implementsAUseCase(target) && !topLevel(target).equals(topLevel(origin))) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        }
                    }
                })
                .check(classes);
    }

    private static boolean implementsAUseCase(JavaClass c) {
        return c.getPackageName().startsWith("dev.switchboard.application.service")
                && c.getAllRawInterfaces().stream()
                        .anyMatch(i -> i.getPackageName().startsWith("dev.switchboard.application.port.in"));
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @Test
    void theWiringRingSchedulesNoWork() {
        // a timer that calls a use case is a driving adapter (adapter.in.schedule); bootstrap only
        // makes executors and hands them to the services. The bench and soak tools drive load.
        noClasses().that().resideInAPackage("dev.switchboard.bootstrap..")
                .and().resideOutsideOfPackages("dev.switchboard.bootstrap.bench..", "dev.switchboard.bootstrap.soak..")
                .should().callMethodWhere(DescribedPredicate.describe("schedules a task on a timer",
                        call -> call.getTargetOwner().isAssignableTo(java.util.concurrent.ScheduledExecutorService.class)
                                && call.getName().startsWith("schedule")))
                .orShould().dependOnClassesThat().belongToAnyOf(java.util.Timer.class)
                .check(classes);
    }

    @Test
    void aTcpHandlerMapsAFailedStoreInOnePlace() {
        // StorageFailures logs the root cause once and counts the shared storage kind; a handler
        // that did either by hand would drift from the others (the sink, on HTTP, has its own)
        noClasses().that().resideInAPackage("dev.switchboard.adapter.in.tcp..")
                .and().doNotBelongToAnyOf(dev.switchboard.adapter.in.tcp.common.StorageFailures.class)
                .should().accessField(dev.switchboard.application.port.out.telemetry.StorageErrorKind.class, "STORAGE")
                .orShould().callMethod(dev.switchboard.application.port.Failures.class, "rootMessage", Throwable.class)
                .check(classes);
    }

    @Test
    void noLockIsSharedByTheWholeProcess() {
        // per-connection state guarded by one static lock serialised every connection (StoredBatches)
        ArchRuleDefinition.noMethods().that().areDeclaredInClassesThat().resideInAPackage("dev.switchboard..")
                .and().areStatic()
                .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.SYNCHRONIZED)
                .check(classes);
    }

    @Test
    void aServiceHoldsNoMethodLockAcrossAnOutboundCall() {
        // a lock held across a store, an upload or any other outbound port makes every reader
        // wait out that I/O (DistributorService once held its lock across the HTTP uploads, so
        // GET /api/collector waited for a whole run). A synchronized block is not visible here:
        // CollectorStatusServiceTest and DistributorServiceTest read the status during an upload.
        // The sample generator is the one exception: its lock guards its own open spool file
        // (local appends from one timer thread), and its count is read without the lock.
        ArchRuleDefinition.methods().that().areDeclaredInClassesThat().resideInAPackage("dev.switchboard.application.service..")
                .and().areDeclaredInClassesThat().doNotBelongToAnyOf(
                        dev.switchboard.application.service.collector.SampleGeneratorService.class)
                .and().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.SYNCHRONIZED)
                .should(new ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>("call no outbound port") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaMethod method, ConditionEvents events) {
                        outboundCalls(method, new java.util.HashSet<>(), events);
                    }
                })
                .allowEmptyShould(true)
                .check(classes);
    }

    /** The outbound-port calls of {@code code}, followed through the calls it makes inside its own class. */
    private static void outboundCalls(com.tngtech.archunit.core.domain.JavaCodeUnit code,
                                      java.util.Set<com.tngtech.archunit.core.domain.JavaCodeUnit> seen,
                                      ConditionEvents events) {
        if (!seen.add(code)) {
            return;
        }
        for (var call : code.getCallsFromSelf()) {
            JavaClass owner = call.getTargetOwner();
            if (owner.getPackageName().startsWith("dev.switchboard.application.port.out")) {
                events.add(SimpleConditionEvent.violated(call, call.getDescription()));
            } else if (topLevel(owner).equals(topLevel(code.getOwner()))) {
                call.getTarget().resolveMember().ifPresent(target -> outboundCalls(target, seen, events));
            }
        }
    }

    @Test
    void onlyTheEventLogAdapterWritesOnANamedLogger() {
        // the lottery's graded lines go through LotteryEventsPort; an adapter that took the
        // "dev.switchboard.lottery" logger by name would write half of them by hand again
        noClasses().that().resideInAPackage("dev.switchboard.adapter..")
                .and().resideOutsideOfPackage("dev.switchboard.adapter.out.log..")
                .should().callMethod(org.slf4j.LoggerFactory.class, "getLogger", String.class)
                .check(classes);
    }

    @Test
    void adaptersDoNotReachTheBootstrap() {
        noClasses().that().resideInAPackage("dev.switchboard.adapter..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.bootstrap..")
                .check(classes);
    }
}
