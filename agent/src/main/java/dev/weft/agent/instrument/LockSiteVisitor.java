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
 *   monitor is already held; a release hook runs before each return and in a catch-all handler
 *   added around the body, which rethrows (exceptions leave the method as they would have).</li>
 *   <li>{@code monitorexit} and {@code unlock} calls report the release first, so weft knows
 *   which locks each thread holds (for the lock-order graph and hold times).</li>
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
    private final String descriptor;
    private final boolean framesNeeded;
    private final boolean releases;
    private final String internalClassName;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label releaseOnThrow = new Label();

    private int line = -1;
    private boolean methodHookPending;
    private int lockLocal = -1; // local holding the lock of a pending monitorenter hook
    private int pendingSite = -1;
    private int lastOpcode = -1;
    private int lastStoreLocal = -1;
    private int opcodeBeforeStore = -1;

    /**
     * @param framesNeeded whether the class file version requires stack map frames (Java 7+); the
     *                     reader must then expand frames ({@code ClassReader.EXPAND_FRAMES})
     * @param releases     whether to hook releases too (held-lock tracking), not only acquisitions
     */
    LockSiteVisitor(MethodVisitor delegate, String internalClassName, String methodName, int access, String descriptor,
                    boolean framesNeeded, boolean releases) {
        super(Opcodes.ASM9, delegate);
        this.releases = releases;
        this.descriptor = descriptor;
        this.framesNeeded = framesNeeded;
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
        if (synchronizedMethod && releases) {
            super.visitLabel(bodyStart);
        }
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitInsn(int opcode) {
        beforeInstruction();
        if (opcode == Opcodes.MONITOREXIT && releases) {
            super.visitInsn(Opcodes.DUP);
            callHook("monitorExiting", "(Ljava/lang/Object;)V");
        } else if (synchronizedMethod && releases && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            pushMethodMonitor();
            callHook("monitorExiting", "(Ljava/lang/Object;)V");
        }
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
        Replacement replacement = replacementFor(opcode, owner, name, descriptor, releases);
        if (replacement != null) {
            if (replacement.takesSite()) {
                pushInt(register(LockKinds.JUC));
            }
            callHook(name, replacement.descriptor()); // Hooks names each replacement after the call it replaces
        } else {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
        remember(opcode);
    }

    /** A hook that replaces a lock call: its descriptor, and whether it takes the site number last. */
    record Replacement(String descriptor, boolean takesSite) {
    }

    /**
     * The hook replacing this call, or null if the call neither acquires a lock nor, when
     * {@code releases}, releases one.
     */
    static Replacement replacementFor(int opcode, String owner, String name, String descriptor, boolean releases) {
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
            return null;
        }
        if (LOCK_OWNERS.contains(owner)) {
            if (descriptor.equals("()V") && (name.equals("lock") || name.equals("lockInterruptibly"))) {
                return new Replacement("(L" + LOCK + ";I)V", true);
            }
            if (name.equals("tryLock") && descriptor.equals("(JLjava/util/concurrent/TimeUnit;)Z")) {
                return new Replacement("(L" + LOCK + ";JLjava/util/concurrent/TimeUnit;I)Z", true);
            }
            if (name.equals("tryLock") && descriptor.equals("()Z")) {
                return new Replacement("(L" + LOCK + ";I)Z", true);
            }
            if (releases && name.equals("unlock") && descriptor.equals("()V")) {
                return new Replacement("(L" + LOCK + ";)V", false);
            }
        } else if (owner.equals(STAMPED_LOCK)) {
            if (descriptor.equals("()J") && (name.equals("writeLock") || name.equals("readLock"))) {
                return new Replacement("(L" + STAMPED_LOCK + ";I)J", true);
            }
            if (releases && descriptor.equals("(J)V")
                && (name.equals("unlockWrite") || name.equals("unlockRead") || name.equals("unlock"))) {
                return new Replacement("(L" + STAMPED_LOCK + ";J)V", false);
            }
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
        if (synchronizedMethod && releases) {
            releaseOnThrow();
        }
        super.visitMaxs(Math.max(maxStack, 1) + EXTRA_STACK, maxLocals);
    }

    /**
     * Ends a synchronized method's body with a catch-all handler that reports the release and
     * rethrows. It is the last entry of the exception table, so the method's own handlers keep
     * their precedence. Its frame names only {@code this} and the parameters, which hold their
     * declared types throughout the body.
     */
    private void releaseOnThrow() {
        super.visitLabel(bodyEnd);
        super.visitTryCatchBlock(bodyStart, bodyEnd, releaseOnThrow, null);
        super.visitLabel(releaseOnThrow);
        if (framesNeeded) {
            Object[] locals = entryLocals();
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        }
        pushMethodMonitor();
        callHook("monitorExiting", "(Ljava/lang/Object;)V");
        super.visitInsn(Opcodes.ATHROW);
    }

    private Object[] entryLocals() {
        java.util.List<Object> locals = new java.util.ArrayList<>();
        if (!staticMethod) {
            locals.add(internalClassName);
        }
        for (Type argument : Type.getArgumentTypes(descriptor)) {
            switch (argument.getSort()) {
                case Type.BOOLEAN:
                case Type.BYTE:
                case Type.CHAR:
                case Type.SHORT:
                case Type.INT:
                    locals.add(Opcodes.INTEGER);
                    break;
                case Type.FLOAT:
                    locals.add(Opcodes.FLOAT);
                    break;
                case Type.LONG:
                    locals.add(Opcodes.LONG);
                    break;
                case Type.DOUBLE:
                    locals.add(Opcodes.DOUBLE);
                    break;
                default:
                    locals.add(argument.getSort() == Type.ARRAY ? argument.getDescriptor() : argument.getInternalName());
            }
        }
        return locals.toArray();
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
        pushMethodMonitor();
        pushInt(register(LockKinds.MONITOR));
        callHook("monitorEntered", "(Ljava/lang/Object;I)V");
    }

    /** Pushes the monitor a synchronized method holds: {@code this}, or the class if static. */
    private void pushMethodMonitor() {
        if (staticMethod) {
            super.visitLdcInsn(Type.getObjectType(internalClassName));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    /**
     * The hook sits after the label of the block's first statement, so it would take that
     * statement's line; stack traces taken inside it (lock-order events) must name the
     * {@code synchronized} line instead, and the statement keeps its own line after it.
     */
    private void flushMonitorHook() {
        markLine(LockSites.site(pendingSite).line());
        super.visitVarInsn(Opcodes.ALOAD, lockLocal);
        pushInt(pendingSite);
        callHook("monitorEntered", "(Ljava/lang/Object;I)V");
        markLine(line);
        pendingSite = -1;
        lockLocal = -1;
    }

    private void markLine(int lineNumber) {
        if (lineNumber > 0) {
            Label here = new Label();
            super.visitLabel(here);
            super.visitLineNumber(lineNumber, here);
        }
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
