package dev.weft.agent.race;

import dev.weft.agent.instrument.Bytecode;
import dev.weft.runtime.AccessSites;
import dev.weft.runtime.ObjectCalls;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites one method so that each call that may be a call on an object that is not thread-safe
 * ({@link ObjectMethods}: {@code map.put(k, v)}, {@code sb.append(x)}, {@code format.parse(s)})
 * first reports the receiver to {@code Hooks.objectCall(receiver, callId)}. The call sites are in
 * application code only: the JDK's own use of such objects is synchronized in its own ways.
 *
 * <p>The receiver sits below the arguments. With none or one it is copied up with stack
 * instructions; with more, the arguments are stored in locals past every local the method has
 * used so far, and loaded back after the hook. That is safe without renumbering the method's
 * locals because class files of Java 7 and later carry stack map frames: a local beyond all that
 * the last frame and the straight-line code since declare holds nothing live there, and it is
 * dead again before the next instruction of the application's. Older class files get the hook
 * only at calls with at most one argument.
 *
 * <p>Calls on an object the method has just created ({@code new StringBuilder().append(a)
 * .append(b)}, as javac compiles string concatenation for Java 8) are not hooked while no copy of
 * it has escaped: no other thread can have it ({@link ReceiverTracker}). Nor are a constructor's
 * calls on an object it loads from a final field of its own class ({@code this.entries.put(k, v)}
 * with {@code final Map entries}): final-field semantics make them visible to every thread that
 * reaches the object through the field, however the object was published. The same tracking
 * names the receiver by the field it was loaded from, when the call follows that load in
 * straight-line code.
 */
final class ObjectCallVisitor extends MethodVisitor {
    private static final int EXTRA_STACK = 2;

    private final String className;
    private final String internalClassName;
    private final String methodName;
    private final RaceScope scope;
    private final boolean constructor;
    private final boolean frames;
    private final boolean hooks;
    private final ReceiverTracker stack = new ReceiverTracker();
    /** Slots of the locals the method has used so far (parameters, variable instructions, frames). */
    private int localsSeen;
    /** What {@code maxLocals} must at least be, with the locals arguments are spilled into. */
    private int localsNeeded;
    private boolean spillsSafe;
    private int line = -1;

    /** @param firstFreeLocal the first local not taken by the method or by other rewriting (memos), or 0 */
    ObjectCallVisitor(MethodVisitor delegate, RaceScope scope, String internalClassName, int classVersion, int access,
                      String methodName, String descriptor, int firstFreeLocal) {
        super(Opcodes.ASM9, delegate);
        this.scope = scope;
        this.internalClassName = internalClassName;
        this.className = internalClassName.replace('/', '.');
        this.methodName = methodName;
        this.constructor = methodName.equals("<init>");
        this.frames = (classVersion & 0xFFFF) >= Opcodes.V1_7;
        this.spillsSafe = frames;
        this.hooks = !methodName.equals("<clinit>"); // class initialization orders its calls before every other use
        this.localsSeen = Math.max(firstFreeLocal,
            (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - ((access & Opcodes.ACC_STATIC) != 0 ? 1 : 0));
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitLabel(Label label) {
        if (!frames) {
            stack.clear(); // maybe a branch target, with no frame to say so
        }
        super.visitLabel(label);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stackTypes) {
        stack.clear();
        if (type == Opcodes.F_NEW) {
            int slots = 0;
            for (int i = 0; i < numLocal; i++) {
                slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
            }
            localsSeen = Math.max(localsSeen, slots);
        } else {
            spillsSafe = false; // compressed frames: the reader was not asked to expand them
        }
        super.visitFrame(type, numLocal, local, numStack, stackTypes);
    }

    @Override
    public void visitInsn(int opcode) {
        stack.insn(opcode);
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        stack.intInsn(opcode);
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        boolean wide = opcode == Opcodes.LLOAD || opcode == Opcodes.DLOAD || opcode == Opcodes.LSTORE
            || opcode == Opcodes.DSTORE;
        localsSeen = Math.max(localsSeen, var + (wide ? 2 : 1));
        stack.varInsn(opcode, constructor && var == 0);
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        localsSeen = Math.max(localsSeen, var + 1);
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        stack.typeInsn(opcode, type);
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitLdcInsn(Object value) {
        stack.ldc(value);
        super.visitLdcInsn(value);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        Object holder = null;
        if (descriptor.charAt(0) == 'L') {
            String field = owner.replace('/', '.') + "." + name;
            holder = opcode == Opcodes.GETFIELD && stack.peek(0) == ReceiverTracker.THIS && ownFinal(owner, name)
                ? new ReceiverTracker.Frozen(field) : field;
        }
        stack.fieldInsn(opcode, descriptor, holder);
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        stack.clear();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        stack.clear();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        stack.clear();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        stack.clear();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
                                       Object... bootstrapArguments) {
        stack.call(Opcodes.INVOKEDYNAMIC, name, descriptor);
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, bootstrapArguments);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        ObjectMethods.Call call = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE
            ? ObjectMethods.classify(owner, name, descriptor) : null;
        if (call == null) {
            stack.call(opcode, name, descriptor);
        } else {
            Type[] arguments = Type.getArgumentTypes(descriptor);
            Object receiver = stack.peek((Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1);
            boolean fresh = receiver instanceof ReceiverTracker.Fresh created && !created.escaped;
            if (hooks && !fresh && !(receiver instanceof ReceiverTracker.Frozen)) {
                hook(call, arguments, receiver instanceof String holder ? holder : null);
            }
            stack.checkedCall(descriptor, call.returnsReceiver());
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    /** Emits {@code Hooks.objectCall(receiver, callId)} with the receiver copied from below the arguments. */
    private void hook(ObjectMethods.Call call, Type[] arguments, String holder) {
        int slots = 0;
        for (Type argument : arguments) {
            slots += argument.getSize();
        }
        if (arguments.length > 1 && !spillsSafe) {
            return;
        }
        int site = AccessSites.register(className, methodName, line, call.description());
        int callId = ObjectCalls.register(site, call.writes(), holder);
        if (arguments.length == 0) {
            super.visitInsn(Opcodes.DUP);
            callHook(callId);
        } else if (arguments.length == 1 && slots == 1) {
            super.visitInsn(Opcodes.DUP2); // [r, a] -> [r, a, r, a]
            super.visitInsn(Opcodes.POP); //          -> [r, a, r]
            callHook(callId);
        } else if (arguments.length == 1) {
            super.visitInsn(Opcodes.DUP2_X1); // [r, aa] -> [aa, r, aa]
            super.visitInsn(Opcodes.POP2); //            -> [aa, r]
            super.visitInsn(Opcodes.DUP_X2); //          -> [r, aa, r]
            callHook(callId);
        } else {
            int base = localsSeen;
            int[] at = new int[arguments.length];
            int next = base;
            for (int i = 0; i < arguments.length; i++) {
                at[i] = next;
                next += arguments[i].getSize();
            }
            localsNeeded = Math.max(localsNeeded, next);
            for (int i = arguments.length - 1; i >= 0; i--) {
                super.visitVarInsn(arguments[i].getOpcode(Opcodes.ISTORE), at[i]);
            }
            super.visitInsn(Opcodes.DUP);
            callHook(callId);
            for (int i = 0; i < arguments.length; i++) {
                super.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), at[i]);
            }
        }
    }

    /** Whether {@code owner.name} is a final field declared by the class being rewritten. */
    private boolean ownFinal(String owner, String name) {
        if (!owner.equals(internalClassName)) {
            return false;
        }
        FieldResolver.Resolved field = scope.resolve(owner, name);
        return field != null && field.isFinal() && field.declaringClass().equals(className);
    }

    private void callHook(int callId) {
        Bytecode.pushInt(mv, callId);
        Bytecode.callHook(mv, "objectCall", "(Ljava/lang/Object;I)V");
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + EXTRA_STACK, Math.max(maxLocals, localsNeeded));
    }
}
