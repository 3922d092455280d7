package dev.weft.agent.race;

import dev.weft.agent.instrument.Bytecode;
import dev.weft.runtime.AccessSites;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites one method for race detection: each access to a checked field reports to
 * {@code dev.weft.runtime.Hooks} first — plain fields are checked for races, volatile fields
 * order threads (a write releases, a read acquires after it has read) — and {@code Object.wait}
 * calls go through a hook, since waiting releases and retakes the monitor.
 *
 * <p>Array element loads and stores ({@code xALOAD}, {@code xASTORE}) report the array and index
 * first, with a name for the array that {@link ArrayOrigins} follows through the method
 * ({@code com.acme.Foo.data[]}, or -1 for "only its type"). Not checked: stores into an array this
 * method has just created and not yet let go of (array initializers, varargs), and the load of
 * {@code a[i] += v}, whose store is checked.
 *
 * <p>Not checked: final fields (they cannot race), fields of classes weft does not instrument,
 * accesses made while a static initializer runs (class initialization orders them before any
 * other use: the initializer reports its start and its normal end; one that throws leaves its
 * class unusable) and writes to the object under construction before its super constructor ran
 * (the verifier allows nothing else on it).
 *
 * <p>{@code StampedLock.tryOptimisticRead} and {@code validate} report their results, which make
 * the reads between them speculative (see {@code OptimisticReads}).
 *
 * <p>Checks in loops follow the method's {@link LoopChecks} plan, written by a {@link LoopCheckWriter}:
 * memos, and head checks of loops whose arrays the thread has already checked in its epoch.
 */
final class RaceCheckVisitor extends MethodVisitor {
    private static final ConcurrentHashMap<String, Integer> FIELD_IDS = new ConcurrentHashMap<>();
    /** The most any check adds: an array store's [array, index] copied above its value, two ints, a memo and the flag. */
    private static final int EXTRA_STACK = 6;
    private static final String STAMPED_LOCK = "java/util/concurrent/locks/StampedLock";

    private final RaceScope scope;
    private final String className;
    private final String methodName;
    private final boolean staticInitializer;
    /** The numbers of this method's getfields whose check the write right after covers ({@link CoveredReads}). */
    private final java.util.BitSet coveredReads;
    private int reads;
    private final ArrayOrigins origins = new ArrayOrigins();
    private boolean thisInitialized;
    private int pendingNews;
    private int line = -1;
    private final LoopChecks.Method plan;
    private final LoopCheckWriter loops;
    private int arraySites;
    private int fieldSites;
    private final String internalClassName;

    RaceCheckVisitor(MethodVisitor delegate, RaceScope scope, String internalClassName, String methodName,
                     java.util.BitSet coveredReads, LoopChecks.Method plan, LoopVersions versions) {
        super(Opcodes.ASM9, delegate);
        this.scope = scope;
        this.coveredReads = coveredReads;
        this.plan = plan;
        this.loops = new LoopCheckWriter(delegate, plan, versions);
        this.internalClassName = internalClassName;
        this.className = internalClassName.replace('/', '.');
        this.methodName = methodName;
        this.staticInitializer = methodName.equals("<clinit>");
        this.thisInitialized = !methodName.equals("<init>");
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (staticInitializer) {
            hook("classInitStarted", "()V");
        }
        loops.start();
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        loops.tryCatchBlock(handler);
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label);
        loops.label(label);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        loops.instruction();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitInsn(int opcode) {
        loops.instruction();
        int arraySite = isArrayAccess(opcode) ? arraySites++ : -1;
        if (staticInitializer && opcode == Opcodes.RETURN) {
            hook("classInitEnded", "()V");
        }
        if (!staticInitializer && opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD) {
            arrayLoad(arraySite);
        } else if (!staticInitializer && opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
            arrayStore(opcode == Opcodes.LASTORE || opcode == Opcodes.DASTORE, arraySite);
        }
        origins.insn(opcode);
        super.visitInsn(opcode);
        if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
            loops.clear();
        }
    }

    private static boolean isArrayAccess(int opcode) {
        return (opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD) || (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE);
    }

    /**
     * [array, index] stays, after {@code Hooks.arrayLoad(array, index, nameId, site)} — unless the
     * statement writes the element right after ({@code counts[k]++}): the write's check finds every
     * race the read's would (reported as races of the write), at half the cost.
     */
    private void arrayLoad(int arraySite) {
        if (origins.loadBeforeStoreToSameElement()) {
            return;
        }
        int nameId = arrayNameId(origins.loadedArray());
        super.visitInsn(Opcodes.DUP2);
        pushIds(nameId, AccessSites.register(className, methodName, line));
        loops.checkHook("arrayLoad", "(Ljava/lang/Object;III)V", plan.arrayMemo(arraySite), arraySite);
    }

    /** [array, index, value] stays, after {@code Hooks.arrayStore(array, index, nameId, site)}. */
    private void arrayStore(boolean wide, int arraySite) {
        ArrayOrigins.Origin array = origins.storedArray(wide);
        if (array != null && array.fresh) {
            return;
        }
        int nameId = arrayNameId(array);
        if (wide) {
            super.visitInsn(Opcodes.DUP2_X2); // [value, array, index, value]
            super.visitInsn(Opcodes.POP2);    // [value, array, index]
            super.visitInsn(Opcodes.DUP2_X2); // [array, index, value, array, index]
        } else {
            super.visitInsn(Opcodes.DUP_X2);  // [value, array, index, value]
            super.visitInsn(Opcodes.POP);     // [value, array, index]
            super.visitInsn(Opcodes.DUP2_X1); // [array, index, value, array, index]
        }
        pushIds(nameId, AccessSites.register(className, methodName, line));
        loops.checkHook("arrayStore", "(Ljava/lang/Object;III)V", plan.arrayMemo(arraySite), arraySite);
    }

    /** The registered name of the elements of {@code array}, {@code com.acme.Foo.data[]}; -1 if it has none. */
    private int arrayNameId(ArrayOrigins.Origin array) {
        return array == null || array.name == null ? -1 : fieldId(array.name + "[]", false);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        loops.instruction();
        origins.intInsn(opcode, operand);
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        loops.instruction();
        origins.varInsn(opcode, var);
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        loops.instruction();
        origins.invokeDynamicInsn(descriptor);
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        loops.clear();
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        loops.instruction();
        origins.jumpInsn(opcode);
        super.visitJumpInsn(opcode, loops.target(label));
    }

    @Override
    public void visitLdcInsn(Object value) {
        loops.instruction();
        origins.ldcInsn(value);
        super.visitLdcInsn(value);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        loops.instruction();
        origins.switchInsn();
        super.visitTableSwitchInsn(min, max, loops.target(dflt), loops.targets(labels));
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        loops.instruction();
        origins.switchInsn();
        super.visitLookupSwitchInsn(loops.target(dflt), keys, loops.targets(labels));
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        loops.instruction();
        origins.multiANewArrayInsn(descriptor, dimensions);
        super.visitMultiANewArrayInsn(descriptor, dimensions);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        origins.frame(type, numLocal, local, numStack, stack);
        loops.frame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        loops.instruction();
        if (opcode == Opcodes.NEW) {
            pendingNews++;
        }
        origins.typeInsn(opcode, type);
        super.visitTypeInsn(opcode, type);
        if (opcode == Opcodes.NEW && !type.equals(internalClassName)) {
            loops.clear(); // may initialize a class
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        loops.instruction();
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            if (pendingNews > 0) {
                pendingNews--;
            } else {
                thisInitialized = true;
            }
        }
        origins.methodInsn(opcode, descriptor);
        if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("wait")
            && (descriptor.equals("()V") || descriptor.equals("(J)V") || descriptor.equals("(JI)V"))) {
            // Object.wait is final: whatever the owner named, this is it
            hook("wait", "(Ljava/lang/Object;" + descriptor.substring(1));
            loops.clear();
            return;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(STAMPED_LOCK)) {
            if (name.equals("tryOptimisticRead") && descriptor.equals("()J")) {
                super.visitInsn(Opcodes.DUP2);
                hook("optimisticRead", "(J)V");
            } else if (name.equals("validate") && descriptor.equals("(J)Z")) {
                super.visitInsn(Opcodes.DUP);
                hook("optimisticReadValidated", "(Z)V");
            }
        }
        loops.called(opcode, owner, name);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        loops.instruction();
        int memo = plan.fieldMemo(fieldSites++);
        boolean covered = opcode == Opcodes.GETFIELD && coveredReads.get(reads++);
        FieldResolver.Resolved field = staticInitializer || (opcode == Opcodes.PUTFIELD && !thisInitialized)
            ? null : scope.resolve(owner, name);
        origins.fieldInsn(opcode, owner, name, descriptor,
            (field != null ? field.declaringClass() : owner.replace('/', '.')) + "." + name);
        boolean isStatic = opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC;
        if (field == null || field.isFinal() || (covered && !field.isVolatile())) {
            super.visitFieldInsn(opcode, owner, name, descriptor);
        } else if (field.isVolatile()) {
            volatileAccess(opcode, owner, name, descriptor, fieldId(field.declaringClass() + "." + name, isStatic),
                Type.getType(descriptor).getSize() == 2);
            loops.clear();
            return;
        } else {
            checkedAccess(opcode, owner, name, descriptor, fieldId(field.declaringClass() + "." + name, isStatic),
                Type.getType(descriptor).getSize() == 2, memo);
        }
        if (isStatic && !(owner.equals(internalClassName)
            && (field == null || field.declaringClass().equals(className)))) {
            loops.clear(); // may initialize a class
        }
    }

    private void checkedAccess(int opcode, String owner, String name, String descriptor, int fieldId, boolean wide,
                               int memo) {
        int site = AccessSites.register(className, methodName, line);
        switch (opcode) {
            case Opcodes.GETFIELD:
                super.visitInsn(Opcodes.DUP);
                pushIds(fieldId, site);
                loops.checkHook("getField", "(Ljava/lang/Object;II)V", memo, -1);
                break;
            case Opcodes.PUTFIELD:
                copyReceiverAboveValue(wide);
                pushIds(fieldId, site);
                loops.checkHook("putField", "(Ljava/lang/Object;II)V", memo, -1);
                break;
            case Opcodes.GETSTATIC:
                pushIds(fieldId, site);
                loops.checkHook("getStatic", "(II)V", memo, -1);
                break;
            default:
                pushIds(fieldId, site);
                loops.checkHook("putStatic", "(II)V", memo, -1);
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    private void volatileAccess(int opcode, String owner, String name, String descriptor, int fieldId, boolean wide) {
        switch (opcode) {
            case Opcodes.GETFIELD:
                super.visitInsn(Opcodes.DUP);
                super.visitFieldInsn(opcode, owner, name, descriptor);
                moveReceiverAboveValue(wide);
                pushInt(fieldId);
                hook("volatileRead", "(Ljava/lang/Object;I)V");
                return;
            case Opcodes.GETSTATIC:
                super.visitFieldInsn(opcode, owner, name, descriptor);
                super.visitInsn(Opcodes.ACONST_NULL);
                pushInt(fieldId);
                hook("volatileRead", "(Ljava/lang/Object;I)V");
                return;
            case Opcodes.PUTFIELD:
                copyReceiverAboveValue(wide);
                pushInt(fieldId);
                hook("volatileWrite", "(Ljava/lang/Object;I)V");
                break;
            default:
                super.visitInsn(Opcodes.ACONST_NULL);
                pushInt(fieldId);
                hook("volatileWrite", "(Ljava/lang/Object;I)V");
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    /** [obj, value] becomes [obj, value, obj]. */
    private void copyReceiverAboveValue(boolean wide) {
        if (wide) {
            super.visitInsn(Opcodes.DUP2_X1);
            super.visitInsn(Opcodes.POP2);
            super.visitInsn(Opcodes.DUP_X2);
        } else {
            super.visitInsn(Opcodes.DUP2);
            super.visitInsn(Opcodes.POP);
        }
    }

    /** [obj, value] becomes [value, obj]. */
    private void moveReceiverAboveValue(boolean wide) {
        if (wide) {
            super.visitInsn(Opcodes.DUP2_X1);
            super.visitInsn(Opcodes.POP2);
        } else {
            super.visitInsn(Opcodes.SWAP);
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + EXTRA_STACK, loops.maxLocals(maxLocals));
    }

    /** Instance fields are numbered by name (their shadows live in each object); statics per loader too. */
    private int fieldId(String qualifiedName, boolean isStatic) {
        String key = isStatic ? scope.loaderKey() + "/" + qualifiedName : qualifiedName;
        return FIELD_IDS.computeIfAbsent(key, k -> dev.weft.runtime.Fields.register(qualifiedName, isStatic));
    }

    private void pushIds(int fieldId, int site) {
        pushInt(fieldId);
        pushInt(site);
    }

    private void pushInt(int value) {
        Bytecode.pushInt(mv, value);
    }

    private void hook(String name, String descriptor) {
        Bytecode.callHook(mv, name, descriptor);
    }
}
