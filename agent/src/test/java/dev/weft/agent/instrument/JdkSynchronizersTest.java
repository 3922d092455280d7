package dev.weft.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountedCompleter;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.stream.Stream;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class JdkSynchronizersTest {
    @Test
    void everyBootClassTheModelsMatchPassesTheNameCheck() throws IOException {
        List<String> modelled = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<JdkModels.Model> models = JdkSynchronizers.modelled(new JdkModels()).list();
        for (Class<?> type : bootClasses()) {
            TypeDescription description = TypeDescription.ForLoadedType.of(type);
            if (models.stream().anyMatch(model -> model.types().matches(description))) {
                modelled.add(type.getName());
                if (!Instrumenter.jdkCandidate(type.getName(), true)) { // the transformer's name pre-filter
                    missed.add(type.getName());
                }
            }
        }

        assertThat(modelled).contains(ConcurrentHashMap.class.getName(), "java.util.concurrent.CompletableFuture$UniApply",
            "java.util.stream.ForEachOps$ForEachTask", "java.util.ArrayPrefixHelpers$IntCumulateTask");
        assertThat(missed).isEmpty();
    }

    @Test
    void mostJdkClassesAreNotLookedAt() {
        assertThat(JdkSynchronizers.mayModel("java.lang.String")).isFalse();
        assertThat(JdkSynchronizers.mayModel("java.util.concurrent.locks.ReentrantLock")).isFalse();
        assertThat(JdkSynchronizers.mayModel("jdk.jfr.internal.PlatformRecorder")).isFalse();
        assertThat(JdkSynchronizers.mayModel("java.util.concurrent.locks.StampedLock")).isTrue();
        assertThat(JdkSynchronizers.mayModel("java.lang.invoke.VarHandleInts$Array")).isTrue();
        assertThat(JdkSynchronizers.mayModel("java.util.HashMap")).isTrue(); // a package with fork/join tasks
    }

    @Test
    void superClassesMatchWhatIsSubTypeOfMatchesForAClass() {
        ElementMatcher<TypeDescription> tasks = SuperClasses.extending(ForkJoinTask.class.getName());
        ElementMatcher<TypeDescription> completers = SuperClasses.extending(CountedCompleter.class.getName());
        for (int round = 0; round < 2; round++) { // the second from what was noted
            assertThat(tasks.matches(TypeDescription.ForLoadedType.of(RecursiveAction.class))).isTrue();
            assertThat(tasks.matches(TypeDescription.ForLoadedType.of(ForkJoinTask.class))).isTrue();
            assertThat(tasks.matches(TypeDescription.ForLoadedType.of(CountedCompleter.class))).isTrue();
            assertThat(completers.matches(TypeDescription.ForLoadedType.of(RecursiveAction.class))).isFalse();
            assertThat(tasks.matches(TypeDescription.ForLoadedType.of(ConcurrentHashMap.class))).isFalse();
            assertThat(tasks.matches(TypeDescription.ForLoadedType.of(Runnable.class))).isFalse();
            assertThat(tasks.matches(TypeDescription.ForLoadedType.of(Object.class))).isFalse();
        }
    }

    /** Every class of the modules the boot loader defines, loaded without initialization. */
    private static List<Class<?>> bootClasses() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<Class<?>> classes = new ArrayList<>();
        for (Module module : ModuleLayer.boot().modules()) {
            if (module.getClassLoader() != null) {
                continue;
            }
            Path root = jrt.getPath("/modules", module.getName());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String path = root.relativize(file).toString();
                    if (!path.endsWith(".class") || path.endsWith("module-info.class")) {
                        continue;
                    }
                    try {
                        classes.add(Class.forName(path.substring(0, path.length() - 6).replace('/', '.'), false, null));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // not loadable on its own (a class of an optional feature): the JVM cannot load it either
                    }
                }
            }
        }
        return classes;
    }
}
