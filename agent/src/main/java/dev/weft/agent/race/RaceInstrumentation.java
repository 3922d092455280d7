package dev.weft.agent.race;

import dev.weft.agent.instrument.ClassFilter;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * What race detection adds to the rewriting of an application class: shadows for its objects
 * (classes being loaded only) and checks on its field accesses (see {@link ShadowInjector},
 * {@link RaceCheckVisitor}).
 */
public final class RaceInstrumentation {
    private final FieldResolver resolver = new FieldResolver();
    private final ClassFilter filter;

    public RaceInstrumentation(ClassFilter filter) {
        this.filter = filter;
    }

    /** Wraps the class writer so the class gets shadows, if it is being loaded and can have them. */
    public ClassVisitor withShadows(ClassVisitor writer, ClassReader reader, boolean loading) {
        if (!loading || !ShadowInjector.canShadow(reader.getAccess(), reader.getSuperName())) {
            return writer;
        }
        return new ShadowInjector(writer, SerialVersionUid.of(reader));
    }

    /** Wraps one method's visitor with the race checks. */
    public MethodVisitor checks(MethodVisitor method, ClassLoader loader, String internalClassName, String methodName) {
        return new RaceCheckVisitor(method, new RaceScope(resolver, filter, loader), internalClassName, methodName);
    }
}
