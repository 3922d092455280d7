package dev.weft.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
 * falsely. Thread classes are always modelled (thread starts and joins); the rest only with
 * {@code races=on}.
 */
public final class ModelCoverage {
    /** How many of the classes left out are named (the count covers all). */
    static final int NAMED = 10;
    private final Set<String> transformed = new HashSet<>();
    private volatile Instrumentation instrumentation;
    private volatile boolean races;

    /** The models are installed on {@code inst}; {@code races}: with the synchronization models. */
    void installed(Instrumentation inst, boolean races) {
        this.races = races;
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
        List<Class<?>> missed = new ArrayList<>();
        synchronized (transformed) {
            for (Class<?> type : loaded) {
                if (modelled(type, races) && !transformed.contains(type.getName())) {
                    missed.add(type);
                }
            }
        }
        return missed;
    }

    /** Those of {@code loaded} the models match; {@code races}: with the synchronization models. */
    static List<Class<?>> modelled(Class<?>[] loaded, boolean races) {
        List<Class<?>> modelled = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (modelled(type, races)) {
                modelled.add(type);
            }
        }
        return modelled;
    }

    private static boolean modelled(Class<?> type, boolean races) {
        if (type.getClassLoader() != null) {
            return false;
        }
        if (Instrumenter.isThreadClass(type.getName())) {
            return true;
        }
        return races && JdkSynchronizers.models(type);
    }

    /** The first {@value #NAMED} names of {@code classes}, comma-separated, with how many more there are. */
    public static String describe(List<String> classes) {
        if (classes.size() <= NAMED) {
            return String.join(", ", classes);
        }
        return String.join(", ", classes.subList(0, NAMED)) + " and " + (classes.size() - NAMED) + " more";
    }
}
