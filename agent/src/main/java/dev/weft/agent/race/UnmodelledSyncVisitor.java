package dev.weft.agent.race;

import dev.weft.agent.instrument.Bytecode;
import dev.weft.runtime.UnmodelledSyncSites;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Notes where application code synchronizes through something the race detector does not model:
 * memory fences ({@code VarHandle.*Fence}, {@code Unsafe.*Fence}) and {@code Unsafe}'s ordered,
 * volatile and compare-and-swap operations. Each such call first tells {@code Hooks.unmodelledSync}
 * its site; the hook reports a site once per thread. {@code LockSupport.park/unpark} and
 * {@code Thread.onSpinWait} are not on the list: they order no memory (the memory model gives park
 * and unpark no happens-before edge), and what a synchronizer or spin loop built on them does
 * order — its atomics and volatile fields — is modelled; a race around them is a race.
 *
 * <p>weft adds no happens-before edge for them — it cannot tell what a fence or a custom lock
 * orders — but the report can then say that a race between threads that used them may be none,
 * rather than state it as certain.
 */
final class UnmodelledSyncVisitor extends MethodVisitor {
    private static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
    private static final String SUN_UNSAFE = "sun/misc/Unsafe";
    private static final String JDK_UNSAFE = "jdk/internal/misc/Unsafe";

    private final String className;
    private final String methodName;
    private int line = -1;
    private boolean hooked;

    UnmodelledSyncVisitor(MethodVisitor delegate, String internalClassName, String methodName) {
        super(Opcodes.ASM9, delegate);
        this.className = internalClassName.replace('/', '.');
        this.methodName = methodName;
    }

    /** {@code VarHandle.releaseFence} for a call weft does not model, or null. */
    static String primitive(String owner, String name, String descriptor) {
        switch (owner) {
            case VAR_HANDLE:
                return name.endsWith("Fence") && descriptor.equals("()V") ? "VarHandle." + name : null;
            case SUN_UNSAFE:
            case JDK_UNSAFE:
                return orders(name) ? "Unsafe." + name : null;
            default:
                return null;
        }
    }

    /** Unsafe's operations that order memory: fences, ordered and volatile accesses, atomic updates. */
    private static boolean orders(String name) {
        return name.endsWith("Fence") || name.startsWith("compareAnd") || name.startsWith("weakCompareAnd")
            || name.startsWith("getAnd") || name.contains("Volatile") || name.contains("Ordered")
            || name.contains("Release") || name.contains("Acquire") || name.contains("Opaque");
    }

    @Override
    public void visitLineNumber(int lineNumber, net.bytebuddy.jar.asm.Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        String primitive = primitive(owner, name, descriptor);
        if (primitive != null) {
            Bytecode.pushInt(mv, UnmodelledSyncSites.register(primitive, className, methodName, line));
            Bytecode.callHook(mv, "unmodelledSync", "(I)V");
            hooked = true;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(hooked ? maxStack + 1 : maxStack, maxLocals);
    }
}
