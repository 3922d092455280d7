package dev.weft.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** The instructions weft's method rewriters emit around the application's own. */
public final class Bytecode {
    /** Where the hooks that instrumented code calls live (the bootstrap runtime). */
    public static final String HOOKS = "dev/weft/runtime/Hooks";

    private Bytecode() {
    }

    /** Pushes an int constant with the shortest instruction that holds it. */
    public static void pushInt(MethodVisitor target, int value) {
        if (value >= -1 && value <= 5) {
            target.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            target.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            target.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            target.visitLdcInsn(value);
        }
    }

    /** Calls the static hook {@code Hooks.name(descriptor)}. */
    public static void callHook(MethodVisitor target, String name, String descriptor) {
        target.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
    }
}
