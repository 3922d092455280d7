package dev.weft.agent.instrument;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * Orders the caller's code that a modelled synchronizer runs inside one of its methods — a
 * {@code ConcurrentHashMap.compute} remapping function, a synchronized wrapper's {@code merge}, a
 * barrier's action — where it runs, rather than at the method's entry and exit: two threads
 * computing the same key enter {@code compute} at once, and the second one's function runs only
 * once the first one's has returned and its bin lock was let go, after the entry the second one
 * acquired at. So, in such a method, the object's clock is taken in after each
 * {@code monitorenter} and before each call of a callback ({@code java.util.function}'s
 * interfaces, {@code Runnable}, {@code Callable}, {@code Comparator}), and published before each
 * {@code monitorexit} and after each callback returns: the synchronized wrappers' and the map's
 * bin locks, and a traversal's {@code forEach} action, which then sees every element put before
 * it reached it.
 */
final class CallbackFences implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {
    static final CallbackFences INSTANCE = new CallbackFences();
    private static final String HOOKS = "dev/weft/runtime/Hooks";
    private static final String ON_OBJECT = "(Ljava/lang/Object;)V";

    private CallbackFences() {
    }

    /** Whether {@code owner} (internal name) is a type through which the JDK calls the caller's code. */
    static boolean isCallback(String owner) {
        return owner.startsWith("java/util/function/") || owner.equals("java/lang/Runnable")
            || owner.equals("java/util/concurrent/Callable") || owner.equals("java/util/Comparator");
    }

    @Override
    public MethodVisitor wrap(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                              MethodVisitor methodVisitor, Implementation.Context implementationContext,
                              TypePool typePool, int writerFlags, int readerFlags) {
        return new MethodVisitor(Opcodes.ASM9, methodVisitor) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITOREXIT) {
                    hook("syncEnter");
                }
                super.visitInsn(opcode);
                if (opcode == Opcodes.MONITORENTER) {
                    hook("syncExit");
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                boolean callback = opcode != Opcodes.INVOKESTATIC && opcode != Opcodes.INVOKESPECIAL && isCallback(owner);
                if (callback) {
                    hook("syncExit");
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                if (callback) {
                    hook("syncEnter");
                }
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(maxStack + 1, maxLocals);
            }

            /** {@code Hooks.<name>(this)}: straight-line code that leaves the operand stack as it was. */
            private void hook(String name) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, ON_OBJECT, false);
            }
        };
    }
}
