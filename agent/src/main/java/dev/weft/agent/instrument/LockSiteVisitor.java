package dev.weft.agent.instrument;

import dev.weft.runtime.LockSites;
import dev.weft.schema.WeftEvents.LockKinds;
import java.util.Set;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites one method so that each lock acquisition reports to {@code dev.weft.runtime.Hooks}
 * with a site number registered here (class, method, source line).
 *
 * <ul>
 *   <li>{@code monitorenter}: javac stores the lock in a local right before it and opens the
 *   try range that releases it right after. The hook reloads that local <em>inside</em> the try
 *   range, before the body's first instruction: a call between {@code monitorenter} and the range
 *   start makes C1 and C2 refuse to compile the method. Code of other shapes gets the hook just
 *   before {@code monitorenter}.</li>
 *   <li>{@code synchronized} methods: the hook runs before the body's first instruction, where the
 *   monitor is already held.</li>
 *   <li>A hook due before a {@code new} goes right after it instead: the label at a {@code new} also
 *   names the uninitialized object in the stack map frames, and must stay on that instruction.</li>
 *   <li>{@code java.util.concurrent} acquisitions ({@code Lock.lock()}, {@code lockInterruptibly},
 *   {@code tryLock(time, unit)}, {@code StampedLock.writeLock/readLock}) are replaced by a static
 *   hook that performs the same call and times it only when it has to wait.</li>
 * </ul>
 * Nothing here adds fields or methods, so already-loaded classes can be retransformed too.
 */
final class LockSiteVisitor extends MethodVisitor {
    private static final String HOOKS = "dev/weft/runtime/Hooks";
    private static final String LOCK = "java/util/concurrent/locks/Lock";
    private static final String STAMPED_LOCK = "java/util/concurrent/locks/StampedLock";
    private static final Set<String> LOCK_OWNERS = Set.of(LOCK,
        "java/util/concurrent/locks/ReentrantLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");
    private static final int EXTRA_STACK = 2;

    private final String className;
    private final String methodName;
    private final boolean synchronizedMethod;
    private final boolean staticMethod;
    private final String internalClassName;

    private int line = -1;
    private boolean methodHookPending;
    private int lockLocal = -1; // local holding the lock of a pending monitorenter hook
    private int pendingSite = -1;
    private int lastOpcode = -1;
    private int lastStoreLocal = -1;
    private int opcodeBeforeStore = -1;

    LockSiteVisitor(MethodVisitor delegate, String internalClassName, String methodName, int access) {
        super(Opcodes.ASM9, delegate);
        this.internalClassName = internalClassName;
        this.className = internalClassName.replace('/', '.');
        this.methodName = methodName;
        this.synchronizedMethod = (access & Opcodes.ACC_SYNCHRONIZED) != 0;
        this.staticMethod = (access & Opcodes.ACC_STATIC) != 0;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        methodHookPending = synchronizedMethod;
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitInsn(int opcode) {
        beforeInstruction();
        if (opcode == Opcodes.MONITORENTER) {
            int site = register(LockKinds.MONITOR);
            if (lastOpcode == Opcodes.ASTORE && opcodeBeforeStore == Opcodes.DUP) {
                super.visitInsn(opcode);
                lockLocal = lastStoreLocal;
                pendingSite = site;
            } else {
                super.visitInsn(Opcodes.DUP);
                pushInt(site);
                callHook("monitorEntered", "(Ljava/lang/Object;I)V");
                super.visitInsn(opcode);
            }
            remember(opcode);
            return;
        }
        super.visitInsn(opcode);
        remember(opcode);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        beforeInstruction();
        super.visitVarInsn(opcode, varIndex);
        int previous = lastOpcode;
        remember(opcode);
        if (opcode == Opcodes.ASTORE) {
            lastStoreLocal = varIndex;
            opcodeBeforeStore = previous;
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        beforeInstruction();
        String replacement = replacementFor(opcode, owner, name, descriptor);
        if (replacement != null) {
            pushInt(register(LockKinds.JUC));
            callHook(name, replacement); // Hooks names each replacement after the call it replaces
        } else {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
        remember(opcode);
    }

    /** The hook descriptor replacing this call, or null if it is not an acquisition weft times. */
    static String replacementFor(int opcode, String owner, String name, String descriptor) {
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
            return null;
        }
        if (LOCK_OWNERS.contains(owner)) {
            if (descriptor.equals("()V") && (name.equals("lock") || name.equals("lockInterruptibly"))) {
                return "(L" + LOCK + ";I)V";
            }
            if (name.equals("tryLock") && descriptor.equals("(JLjava/util/concurrent/TimeUnit;)Z")) {
                return "(L" + LOCK + ";JLjava/util/concurrent/TimeUnit;I)Z";
            }
        } else if (owner.equals(STAMPED_LOCK) && descriptor.equals("()J")
            && (name.equals("writeLock") || name.equals("readLock"))) {
            return "(L" + STAMPED_LOCK + ";I)J";
        }
        return null;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        beforeInstruction();
        super.visitFieldInsn(opcode, owner, name, descriptor);
        remember(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        beforeInstruction();
        super.visitIntInsn(opcode, operand);
        remember(opcode);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        if (opcode == Opcodes.NEW) {
            super.visitTypeInsn(opcode, type);
            beforeInstruction();
        } else {
            beforeInstruction();
            super.visitTypeInsn(opcode, type);
        }
        remember(opcode);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        beforeInstruction();
        super.visitJumpInsn(opcode, label);
        remember(opcode);
    }

    @Override
    public void visitLdcInsn(Object value) {
        beforeInstruction();
        super.visitLdcInsn(value);
        remember(Opcodes.LDC);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        beforeInstruction();
        super.visitIincInsn(varIndex, increment);
        remember(Opcodes.IINC);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        beforeInstruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
        remember(Opcodes.TABLESWITCH);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        beforeInstruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
        remember(Opcodes.LOOKUPSWITCH);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        beforeInstruction();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
        remember(Opcodes.MULTIANEWARRAY);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
                                       Object... arguments) {
        beforeInstruction();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        remember(Opcodes.INVOKEDYNAMIC);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
    }

    /** Emits the hooks waiting for the first instruction of a method or a synchronized block. */
    private void beforeInstruction() {
        if (methodHookPending) {
            flushMethodHook();
        }
        if (pendingSite >= 0) {
            flushMonitorHook();
        }
    }

    private void flushMethodHook() {
        methodHookPending = false;
        if (staticMethod) {
            super.visitLdcInsn(Type.getObjectType(internalClassName));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
        pushInt(register(LockKinds.MONITOR));
        callHook("monitorEntered", "(Ljava/lang/Object;I)V");
    }

    private void flushMonitorHook() {
        super.visitVarInsn(Opcodes.ALOAD, lockLocal);
        pushInt(pendingSite);
        callHook("monitorEntered", "(Ljava/lang/Object;I)V");
        pendingSite = -1;
        lockLocal = -1;
    }

    private int register(String kind) {
        return LockSites.register(kind, className, methodName, line);
    }

    private void remember(int opcode) {
        lastOpcode = opcode;
    }

    private void pushInt(int value) {
        if (value <= Short.MAX_VALUE) {
            super.visitIntInsn(value <= Byte.MAX_VALUE ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }

    private void callHook(String name, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
    }
}
