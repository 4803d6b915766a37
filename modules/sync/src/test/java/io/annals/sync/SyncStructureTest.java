package io.annals.sync;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * The shape docs/architecture.md gives the sync module: a one-way package graph, from the
 * vocabulary at the bottom to the supervisor at the top, and actors that report what happened to
 * them in their own types, never in another actor's {@code Command}.
 */
class SyncStructureTest {

    private static final JavaClasses SYNC =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.annals.sync");

    @Test
    void thePackagesFormAOneWayGraph() {
        slices().matching("io.annals.sync.(*)..").should().beFreeOfCycles().check(SYNC);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("supervisor")
                .definedBy("io.annals.sync")
                .layer("peer")
                .definedBy("io.annals.sync.peer..")
                .layer("head")
                .definedBy("io.annals.sync.head..")
                .layer("guard")
                .definedBy("io.annals.sync.guard..")
                .layer("scheduler")
                .definedBy("io.annals.sync.scheduler..")
                .layer("write")
                .definedBy("io.annals.sync.write..")
                .layer("ledger")
                .definedBy("io.annals.sync.ledger..")
                .layer("chain")
                .definedBy("io.annals.sync.chain..")
                .layer("link")
                .definedBy("io.annals.sync.link..")
                .layer("mailbox")
                .definedBy("io.annals.sync.mailbox..")
                .layer("serve")
                .definedBy("io.annals.sync.serve..")
                .layer("model")
                .definedBy("io.annals.sync.model..")
                .whereLayer("supervisor")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("peer")
                .mayOnlyBeAccessedByLayers("supervisor")
                .whereLayer("head")
                .mayOnlyBeAccessedByLayers("supervisor", "peer")
                .whereLayer("guard")
                .mayOnlyBeAccessedByLayers("supervisor", "head")
                .whereLayer("scheduler")
                .mayOnlyBeAccessedByLayers("supervisor", "peer", "head")
                .whereLayer("write")
                .mayOnlyBeAccessedByLayers("supervisor", "peer", "head", "guard")
                .whereLayer("ledger")
                .mayOnlyBeAccessedByLayers("supervisor", "scheduler", "head")
                .whereLayer("chain")
                .mayOnlyBeAccessedByLayers("supervisor", "head", "guard", "write")
                .whereLayer("link")
                .mayOnlyBeAccessedByLayers("supervisor", "peer", "head", "guard", "chain")
                .whereLayer("mailbox")
                .mayOnlyBeAccessedByLayers("supervisor", "scheduler")
                .whereLayer("serve")
                .mayNotBeAccessedByAnyLayer()
                .check(SYNC);
    }

    /**
     * A message of an actor's protocol (what others send it, what it publishes or replies) names
     * where answers go by the answering actor's own types: a reply-to typed as another actor's
     * {@code Command} would make the answering actor depend on the asking one. Private messages an
     * actor sends itself (a child's death notice naming the child) are its own business.
     */
    @Test
    void noMessageCarriesAnotherActorsCommandTypeAsItsReplyTo() {
        List<String> violations = new ArrayList<>();
        for (JavaClass actor : SYNC) {
            Class<?> commands = commandsOf(actor.reflect());
            if (commands == null) {
                continue;
            }
            for (Class<?> message : actor.reflect().getDeclaredClasses()) {
                if (!message.isRecord()
                        || Modifier.isPrivate(message.getModifiers())
                        || message.getSimpleName().equals("Wiring")) {
                    continue; // a Wiring names the actors below this one that it commands
                }
                for (RecordComponent component : message.getRecordComponents()) {
                    Class<?> target = actorRefTarget(component.getGenericType());
                    if (target != null && isCommandOfAnotherActor(target, commands)) {
                        violations.add(
                                message.getName() + "." + component.getName() + " -> " + target);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theRuleSeesTheActors() {
        assertThat(
                        SYNC.stream()
                                .map(JavaClass::reflect)
                                .filter(type -> commandsOf(type) != null)
                                .map(Class::getSimpleName))
                .contains(
                        "SyncSupervisor",
                        "Scheduler",
                        "Writer",
                        "ChainGuard",
                        "HeadTracker",
                        "PeerActor");
    }

    /** The actor's {@code Command} protocol, or null when the class is not an actor. */
    private static Class<?> commandsOf(Class<?> type) {
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("Command") && nested.isSealed()) {
                return nested;
            }
        }
        return null;
    }

    private static Class<?> actorRefTarget(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() == ActorRef.class
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> target) {
            return target;
        }
        return null;
    }

    private static boolean isCommandOfAnotherActor(Class<?> target, Class<?> ownCommands) {
        return target != ownCommands
                && target.getSimpleName().equals("Command")
                && target.getEnclosingClass() != null
                && commandsOf(target.getEnclosingClass()) == target;
    }
}
