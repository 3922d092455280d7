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
 *   <li>{@code monitorenter}: the hook runs just before it, on a copy of the lock. It runs once per
 *   acquisition, whatever the block's shape: a hook inside the block would sit on the label of its
 *   first instruction, which is often a loop head (and then runs on every iteration), a try-range
 *   start (C1/C2 refuse a call between {@code monitorenter} and it) or a {@code new}'s label (named
 *   in stack map frames). What must happen once the monitor is held (race detection's clock
 *   acquire) the runtime does lazily, at the thread's next hook.</li>
 *   <li>{@code synchronized} methods: the hook runs first thing, before any label, where the monitor
 *   is already held; a release hook runs before each return and in a catch-all handler added
 *   around the body, which rethrows (exceptions leave the method as they would have).</li>
 *   <li>{@code monitorexit} and {@code unlock} calls report the release first, so weft knows
 *   which locks each thread holds (for the lock-order graph and hold times).</li>
 *   <li>{@code java.util.concurrent} acquisitions ({@code Lock.lock()}, {@code lockInterruptibly},
 *   {@code tryLock}, {@code StampedLock.writeLock/readLock}) are replaced by a static hook that
 *   performs the same call and times it only when it has to wait.</li>
 * </ul>
 * Nothing here adds fields or methods, so already-loaded classes can be retransformed too.
 */
final class LockSiteVisitor extends MethodVisitor {
    private static final String LOCK = "java/util/concurrent/locks/Lock";
    private static final String STAMPED_LOCK = "java/util/concurrent/locks/StampedLock";
    /** Call-site owners whose {@code lock()} and {@code unlock()} have hooks typed for them. */
    private static final Set<String> JDK_LOCKS = Set.of(
        "java/util/concurrent/locks/ReentrantLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");
    private static final int EXTRA_STACK = 2;

    private final String className;
    private final String methodName;
    private final boolean synchronizedMethod;
    private final boolean staticMethod;
    private final boolean framesNeeded;
    private final boolean releases;
    private final LockTypes.LockTypeCheck lockTypes;
    private final String internalClassName;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label releaseOnThrow = new Label();

    private int line = -1;
    private int methodSite = -1; // the synchronized method's site, until its first line is known

    /**
     * @param classVersion the class file's major version: Java 6+ class files carry stack map
     *                     frames (the reader must expand them, {@code ClassReader.EXPAND_FRAMES}),
     *                     and a class constant (a static synchronized method's monitor) needs Java 5+
     * @param releases     whether to hook releases too (held-lock tracking), not only acquisitions
     * @param lockTypes    which call-site owners are {@code Lock}s (the JDK's, and subclasses)
     */
    LockSiteVisitor(MethodVisitor delegate, String internalClassName, String methodName, int access, int classVersion,
                    boolean releases, LockTypes.LockTypeCheck lockTypes) {
        super(Opcodes.ASM9, delegate);
        this.releases = releases;
        this.lockTypes = lockTypes;
        this.framesNeeded = classVersion >= Opcodes.V1_6;
        this.internalClassName = internalClassName;
        this.className = internalClassName.replace('/', '.');
        this.methodName = methodName;
        this.staticMethod = (access & Opcodes.ACC_STATIC) != 0;
        this.synchronizedMethod = (access & Opcodes.ACC_SYNCHRONIZED) != 0 && (!staticMethod || classVersion >= Opcodes.V1_5);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (synchronizedMethod) {
            if (releases) {
                super.visitLabel(bodyStart);
            }
            methodSite = register(LockKinds.MONITOR);
            pushMethodMonitor();
            pushInt(methodSite);
            callHook("monitorEntered", "(Ljava/lang/Object;I)V");
        }
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        line = lineNumber;
        if (methodSite >= 0) {
            LockSites.site(methodSite).firstLine(lineNumber); // the method's site is its first line
            methodSite = -1;
        }
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.MONITORENTER) {
            super.visitInsn(Opcodes.DUP);
            pushInt(register(LockKinds.MONITOR));
            callHook("monitorEntering", "(Ljava/lang/Object;I)V");
        } else if (opcode == Opcodes.MONITOREXIT && releases) {
            super.visitInsn(Opcodes.DUP);
            callHook("monitorExiting", "(Ljava/lang/Object;)V");
        } else if (synchronizedMethod && releases && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            pushMethodMonitor();
            callHook("monitorExiting", "(Ljava/lang/Object;)V");
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        Replacement replacement = replacementFor(opcode, owner, name, descriptor, releases, lockTypes);
        if (replacement == null) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            return;
        }
        if (replacement.takesSite()) {
            pushInt(register(LockKinds.JUC));
        }
        callHook(name, replacement.descriptor()); // Hooks names each replacement after the call it replaces
    }

    /** A hook that replaces a lock call: its descriptor, and whether it takes the site number last. */
    record Replacement(String descriptor, boolean takesSite) {
    }

    /**
     * The hook replacing this call, or null if the call neither acquires a lock nor, when
     * {@code releases}, releases one.
     */
    static Replacement replacementFor(int opcode, String owner, String name, String descriptor, boolean releases,
                                      LockTypes.LockTypeCheck lockTypes) {
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
            return null;
        }
        boolean lockCall = name.equals("lock") || name.equals("lockInterruptibly") || name.equals("tryLock")
            || name.equals("unlock");
        if (lockCall && !owner.equals(STAMPED_LOCK) && lockTypes.isLock(owner)) {
            // the JDK's own lock types have hooks of their own for lock() and unlock(): the JIT
            // compiles each for one type (Hooks.lock(ReentrantLock, int)...)
            String hookType = JDK_LOCKS.contains(owner) ? owner : LOCK;
            if (descriptor.equals("()V") && name.equals("lock")) {
                return new Replacement("(L" + hookType + ";I)V", true);
            }
            if (descriptor.equals("()V") && name.equals("lockInterruptibly")) {
                return new Replacement("(L" + LOCK + ";I)V", true);
            }
            if (name.equals("tryLock") && descriptor.equals("(JLjava/util/concurrent/TimeUnit;)Z")) {
                return new Replacement("(L" + LOCK + ";JLjava/util/concurrent/TimeUnit;I)Z", true);
            }
            if (name.equals("tryLock") && descriptor.equals("()Z")) {
                return new Replacement("(L" + LOCK + ";I)Z", true);
            }
            if (releases && name.equals("unlock") && descriptor.equals("()V")) {
                return new Replacement("(L" + hookType + ";)V", false);
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
    public void visitMaxs(int maxStack, int maxLocals) {
        if (synchronizedMethod && releases) {
            releaseOnThrow();
        }
        super.visitMaxs(Math.max(maxStack, 1) + EXTRA_STACK, maxLocals);
    }

    /**
     * Ends a synchronized method's body with a catch-all handler that reports the release and
     * rethrows. It is the last entry of the exception table, so the method's own handlers keep
     * their precedence. Its frame names only {@code this}, the one local it uses (whatever other
     * locals hold at the throw, the handler does not look at them).
     */
    private void releaseOnThrow() {
        super.visitLabel(bodyEnd);
        super.visitTryCatchBlock(bodyStart, bodyEnd, releaseOnThrow, null);
        super.visitLabel(releaseOnThrow);
        if (framesNeeded) {
            Object[] locals = staticMethod ? new Object[0] : new Object[] {internalClassName};
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        }
        pushMethodMonitor();
        callHook("monitorExiting", "(Ljava/lang/Object;)V");
        super.visitInsn(Opcodes.ATHROW);
    }

    /** Pushes the monitor a synchronized method holds: {@code this}, or the class if static. */
    private void pushMethodMonitor() {
        if (staticMethod) {
            super.visitLdcInsn(Type.getObjectType(internalClassName));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    private int register(String kind) {
        return LockSites.register(kind, className, methodName, line);
    }

    private void pushInt(int value) {
        Bytecode.pushInt(mv, value);
    }

    private void callHook(String name, String descriptor) {
        Bytecode.callHook(mv, name, descriptor);
    }
}
