package dev.weft.agent.race;

import dev.weft.agent.instrument.ClassFilter;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * What race detection adds to the rewriting of an application class: shadows for its objects
 * (classes being loaded only), checks on its field accesses and on its calls on objects that may
 * not be thread-safe (see {@link ShadowInjector}, {@link RaceCheckVisitor}, {@link ObjectCallVisitor}).
 */
public final class RaceInstrumentation {
    private final FieldResolver resolver = new FieldResolver();
    private final ClassFilter filter;

    public RaceInstrumentation(ClassFilter filter) {
        this.filter = filter;
    }

    /**
     * Wraps the class writer so the class gets shadows, if it can have them: a class being loaded,
     * or one being retransformed that got them when it loaded (a retransformation starts again
     * from the original class file and must end with the same members, or the JVM refuses it —
     * as mocking libraries and debuggers retransform).
     */
    public ClassVisitor withShadows(ClassVisitor writer, ClassReader reader, Class<?> redefined) {
        boolean loading = redefined == null;
        if (!loading && !dev.weft.runtime.Shadowed.class.isAssignableFrom(redefined)) {
            return writer;
        }
        if (!ShadowInjector.canShadow(reader.getAccess(), reader.getSuperName())) {
            return writer;
        }
        SerialVersionUid.Result serialVersion = SerialVersionUid.of(reader);
        if (serialVersion.misdeclared()) {
            return writer; // adding members would change the serial version it actually uses
        }
        return new ShadowInjector(writer, serialVersion);
    }

    /** What a class's methods need to know of it before they are rewritten (one scan of the class). */
    public CheckPlan plan(ClassReader reader) {
        CoveredReads coveredReads = CoveredReads.of(reader);
        return new CheckPlan(coveredReads, LoopChecks.of(reader, coveredReads));
    }

    /** The result of {@link #plan}: per method, which reads the write right after them covers, and which checks get memos. */
    public static final class CheckPlan {
        private final CoveredReads coveredReads;
        private final LoopChecks loopChecks;

        private CheckPlan(CoveredReads coveredReads, LoopChecks loopChecks) {
            this.coveredReads = coveredReads;
            this.loopChecks = loopChecks;
        }
    }

    /**
     * Wraps one method's visitor with the race checks: on field accesses ({@link RaceCheckVisitor}),
     * on calls on objects that may not be thread-safe ({@link ObjectCallVisitor}, which sees the
     * method's own instructions first), and the notes of synchronization that the checks do not
     * model ({@link UnmodelledSyncVisitor}); a method with covered loops is buffered last, for
     * {@link LoopVersions} to copy them.
     *
     * @param classVersion the class file's version (whether it has stack map frames)
     */
    public MethodVisitor checks(MethodVisitor method, ClassLoader loader, String internalClassName, int classVersion,
                                int access, String methodName, String descriptor, CheckPlan plan) {
        RaceScope scope = new RaceScope(resolver, filter, loader);
        LoopChecks.Method memos = plan.loopChecks.of(methodName, descriptor);
        // only methods with covered loops are buffered, to be versioned; the others stream through
        LoopVersions versions = memos.loops().isEmpty() ? null : new LoopVersions(method);
        MethodVisitor notes = new UnmodelledSyncVisitor(versions == null ? method : versions, internalClassName,
            methodName);
        MethodVisitor fields = new RaceCheckVisitor(notes, scope, internalClassName, methodName,
            plan.coveredReads.of(methodName, descriptor), memos, versions);
        return new ObjectCallVisitor(fields, scope, internalClassName, classVersion, access, methodName, descriptor,
            memos.firstLocal() + memos.localsAdded());
    }
}
