package dev.weft.agent.race;

import java.util.Set;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * JDK methods that synchronize nothing weft models and run no application code: a call to them
 * cannot end the calling thread's epoch, so it neither clears the memos of checks in loops nor
 * keeps a loop from being covered ({@link LoopChecks}). Only static methods of final JDK classes,
 * so the call's target is the method named: {@code Math} and {@code StrictMath} but
 * {@code random} (an atomic seed, which weft models), the primitive wrappers' static helpers
 * ({@code Integer.compare}, {@code Double.isNaN}, {@code Long.bitCount} …, but not the
 * {@code get…} ones, which read system properties), {@code System.arraycopy}, {@code nanoTime},
 * {@code currentTimeMillis}, {@code identityHashCode}.
 */
final class PureCalls {
    private static final Set<String> ALL_STATICS = Set.of("java/lang/Math", "java/lang/StrictMath");
    private static final Set<String> WRAPPERS = Set.of("java/lang/Integer", "java/lang/Long", "java/lang/Short",
        "java/lang/Byte", "java/lang/Character", "java/lang/Float", "java/lang/Double", "java/lang/Boolean");
    private static final Set<String> SYSTEM = Set.of("arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode");

    private PureCalls() {
    }

    static boolean isPure(int opcode, String owner, String name) {
        if (opcode != Opcodes.INVOKESTATIC) {
            return false;
        }
        if (ALL_STATICS.contains(owner)) {
            return !name.equals("random");
        }
        if (WRAPPERS.contains(owner)) {
            return !name.startsWith("get");
        }
        return owner.equals("java/lang/System") && SYSTEM.contains(name);
    }
}
