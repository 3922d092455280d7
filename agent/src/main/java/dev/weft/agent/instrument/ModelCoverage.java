package dev.weft.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Whether every JDK class whose synchronization weft models got the model's instrumentation.
 *
 * <p>A model that never reached its class fails silently: the program's synchronization through it
 * is invisible to race detection, and the races it orders look real. It happened once — the
 * {@code CompletableFuture} completions loaded while a transformer ran, and a class loaded on a
 * thread inside a transformer is given to none. So the boot classes {@link JdkTransformer}
 * transformed are noted, and at
 * the end of each recording chunk the loaded classes the models match are compared with them:
 * the ones left out are counted in the agent's info, and the CLI says that races may be reported
 * falsely. Which classes the models match is asked of the transformer's own matchers
 * ({@link JdkModels}), so the check cannot drift from what is applied. Thread classes are always
 * modelled (thread starts and joins); the rest only with {@code races=on}.
 */
public final class ModelCoverage {
    /** How many of the classes left out are named (the count covers all). */
    static final int NAMED = 10;
    private final Set<String> transformed = new HashSet<>();
    private volatile List<JdkModels.Model> models = List.of();
    private volatile boolean races;
    private volatile Instrumentation instrumentation;

    /** {@link JdkTransformer} applies {@code models}; {@code races}: they include the synchronization models. */
    void modelsAre(List<JdkModels.Model> models, boolean races) {
        this.models = models;
        this.races = races;
    }

    /** The models are installed on {@code inst}: from now on, what they left out is reported. */
    void installed(Instrumentation inst) {
        this.instrumentation = inst;
    }

    /** {@link JdkTransformer} transformed boot class {@code name}. */
    void transformed(String name) {
        synchronized (transformed) {
            transformed.add(name);
        }
    }

    /** The loaded classes the models match that were not transformed, sorted by name (empty before installation). */
    public List<String> notApplied() {
        Instrumentation inst = instrumentation;
        return inst == null ? List.of() : notApplied(inst.getAllLoadedClasses());
    }

    List<String> notApplied(Class<?>[] loaded) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : missed(loaded)) {
            names.add(type.getName());
        }
        return new ArrayList<>(names);
    }

    /** Those of {@code loaded} the models match that were not transformed. */
    List<Class<?>> missed(Class<?>[] loaded) {
        List<Class<?>> missed = modelled(loaded);
        synchronized (transformed) {
            missed.removeIf(type -> transformed.contains(type.getName()));
        }
        return missed;
    }

    /** Those of {@code loaded} the models match. */
    List<Class<?>> modelled(Class<?>[] loaded) {
        List<Class<?>> modelled = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (modelled(type)) {
                modelled.add(type);
            }
        }
        return modelled;
    }

    /**
     * Whether {@link JdkTransformer} applies a model to {@code type}, asked as it asks: a boot class
     * whose name passes its pre-filter and that one of the models' own matchers matches.
     */
    private boolean modelled(Class<?> type) {
        if (type.getClassLoader() != null || type.isArray() || type.isPrimitive()
            || !Instrumenter.jdkCandidate(type.getName(), races)) {
            return false;
        }
        TypeDescription description = TypeDescription.ForLoadedType.of(type);
        for (JdkModels.Model model : models) {
            if (model.types().matches(description)) {
                return true;
            }
        }
        return false;
    }

    /** The first {@value #NAMED} names of {@code classes}, comma-separated, with how many more there are. */
    public static String describe(List<String> classes) {
        if (classes.size() <= NAMED) {
            return String.join(", ", classes);
        }
        return String.join(", ", classes.subList(0, NAMED)) + " and " + (classes.size() - NAMED) + " more";
    }
}
