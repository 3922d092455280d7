package dev.weft.agent.race;

import java.util.ArrayList;
import java.util.Arrays;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Where the array references of one method come from, followed instruction by instruction as the
 * method is rewritten, so that a race on an element can name its array the way a reader names
 * it: {@code com.acme.Foo.data[]} when the array was loaded from the field {@code Foo.data} (directly,
 * or through a local variable), {@code com.acme.Foo.grid[][]} for a row of {@code Foo.grid}.
 *
 * <p>A small abstract interpreter: one entry per operand-stack slot and per local, each the
 * {@link Origin} of the reference it holds or null. It needs no class hierarchy, only each
 * instruction's stack effect. Where control flow merges, the (expanded) stack-map frame resets the
 * stack and keeps a local's origin only if the frame still gives that local the same array type;
 * a class file without frames keeps its locals (heuristic). Names are only names: a wrong or missing
 * one changes what a report says, never which accesses are checked or what races.
 *
 * <p>It also tells arrays the method has just created and not yet stored anywhere ({@code new
 * int[] {1, 2}}, varargs): still on the operand stack, they cannot be shared, and their element
 * stores need no check.
 */
final class ArrayOrigins {
    /** What is known of where an array reference came from. */
    static final class Origin {
        /** {@code com.acme.Foo.data}, the array's name without the trailing {@code []}; null if unknown. */
        final String name;
        /** The array's type descriptor ({@code [I}), if known. */
        final String descriptor;
        /**
         * Created by this method and, so far, only on the operand stack: not stored, passed or
         * returned anywhere (copies made by {@code DUP} share this object, so one escaping copy
         * clears it for all).
         */
        boolean fresh;
        /** Where the reference can be loaded again from, while it has not changed: a local, or a field of one; else null. */
        final Source source;

        Origin(String name, String descriptor, boolean fresh) {
            this(name, descriptor, fresh, null);
        }

        private Origin(String name, String descriptor, boolean fresh, Source source) {
            this.name = name;
            this.descriptor = descriptor;
            this.fresh = fresh;
            this.source = source;
        }

        /** The origin of an element of this array, when the element is an array itself. */
        Origin element() {
            if (name == null || descriptor == null || !descriptor.startsWith("[[")) {
                return null;
            }
            return new Origin(name + "[]", descriptor.substring(1), false);
        }
    }

    /**
     * How to load a reference again: {@code aload local}, then {@code getfield owner.name} if
     * {@code name} is not null (a field of the object in that local).
     */
    record Source(int local, String owner, String name, String descriptor) {
        static Source local(int local) {
            return new Source(local, null, null, null);
        }

        boolean isField() {
            return name != null;
        }
    }

    private final ArrayList<Origin> stack = new ArrayList<>();
    private Origin[] locals = new Origin[8];
    /** Whether the last instruction was {@code DUP2}. */
    private boolean pairCopied;

    /** The array operand of an {@code xALOAD} about to execute. */
    Origin loadedArray() {
        return peek(1);
    }

    /**
     * Whether the {@code xALOAD} about to execute reads an element that the same statement is about
     * to write: javac compiles {@code a[i] += v} and {@code a[i]++} to {@code dup2, xaload, ..., xastore},
     * the array and index copied just before the load. (Whatever else copies the pair that way, the
     * caller only skips a check, which can miss a race, never invent one.)
     */
    boolean loadBeforeStoreToSameElement() {
        return pairCopied;
    }

    /** The array operand of an {@code xASTORE} about to execute; {@code wide} for long and double. */
    Origin storedArray(boolean wide) {
        return peek(wide ? 3 : 2);
    }

    /** The entry {@code below} slots under the top of the stack. */
    private Origin peek(int below) {
        int at = stack.size() - 1 - below;
        return at >= 0 ? stack.get(at) : null;
    }

    void insn(int opcode) {
        pairCopied = opcode == Opcodes.DUP2;
        switch (opcode) {
            case Opcodes.NOP:
                break;
            case Opcodes.ACONST_NULL: case Opcodes.ICONST_M1: case Opcodes.ICONST_0: case Opcodes.ICONST_1:
            case Opcodes.ICONST_2: case Opcodes.ICONST_3: case Opcodes.ICONST_4: case Opcodes.ICONST_5:
            case Opcodes.FCONST_0: case Opcodes.FCONST_1: case Opcodes.FCONST_2:
                push(1);
                break;
            case Opcodes.LCONST_0: case Opcodes.LCONST_1: case Opcodes.DCONST_0: case Opcodes.DCONST_1:
                push(2);
                break;
            case Opcodes.IALOAD: case Opcodes.FALOAD: case Opcodes.BALOAD: case Opcodes.CALOAD: case Opcodes.SALOAD:
                popQuietly(2);
                push(1);
                break;
            case Opcodes.LALOAD: case Opcodes.DALOAD:
                popQuietly(2);
                push(2);
                break;
            case Opcodes.AALOAD: {
                popQuietly(1);
                Origin array = popQuietly();
                stack.add(array == null ? null : array.element());
                break;
            }
            case Opcodes.IASTORE: case Opcodes.FASTORE: case Opcodes.AASTORE: case Opcodes.BASTORE:
            case Opcodes.CASTORE: case Opcodes.SASTORE:
                pop(1); // the value may be an array that escapes into this one
                popQuietly(2);
                break;
            case Opcodes.LASTORE: case Opcodes.DASTORE:
                popQuietly(4);
                break;
            case Opcodes.POP: case Opcodes.MONITORENTER: case Opcodes.MONITOREXIT:
                popQuietly(1);
                break;
            case Opcodes.POP2:
                popQuietly(2);
                break;
            case Opcodes.DUP:
                shuffle(1, 0);
                break;
            case Opcodes.DUP_X1:
                shuffle(1, 1);
                break;
            case Opcodes.DUP_X2:
                shuffle(1, 2);
                break;
            case Opcodes.DUP2:
                shuffle(2, 0);
                break;
            case Opcodes.DUP2_X1:
                shuffle(2, 1);
                break;
            case Opcodes.DUP2_X2:
                shuffle(2, 2);
                break;
            case Opcodes.SWAP: {
                Origin top = pop();
                Origin below = pop();
                stack.add(top);
                stack.add(below);
                break;
            }
            case Opcodes.INEG: case Opcodes.FNEG: case Opcodes.LNEG: case Opcodes.DNEG:
            case Opcodes.I2F: case Opcodes.F2I: case Opcodes.I2B: case Opcodes.I2C: case Opcodes.I2S:
            case Opcodes.L2D: case Opcodes.D2L:
                break; // same size in, same size out, never a reference
            case Opcodes.ARRAYLENGTH:
                popQuietly(1);
                push(1);
                break;
            case Opcodes.I2L: case Opcodes.I2D: case Opcodes.F2L: case Opcodes.F2D:
                pop(1);
                push(2);
                break;
            case Opcodes.L2I: case Opcodes.L2F: case Opcodes.D2I: case Opcodes.D2F:
                pop(2);
                push(1);
                break;
            case Opcodes.LSHL: case Opcodes.LSHR: case Opcodes.LUSHR:
                pop(3);
                push(2);
                break;
            case Opcodes.LCMP: case Opcodes.DCMPL: case Opcodes.DCMPG:
                pop(4);
                push(1);
                break;
            case Opcodes.FCMPL: case Opcodes.FCMPG:
                pop(2);
                push(1);
                break;
            case Opcodes.IRETURN: case Opcodes.LRETURN: case Opcodes.FRETURN: case Opcodes.DRETURN:
            case Opcodes.ARETURN: case Opcodes.RETURN: case Opcodes.ATHROW:
                unreachable();
                break;
            default:
                if (opcode >= Opcodes.IADD && opcode <= Opcodes.LXOR) {
                    binary(opcode);
                } else {
                    stack.clear(); // an opcode this table does not know: forget rather than guess
                }
        }
    }

    /** Arithmetic and logic on two operands: {@code IADD}..{@code DREM} in groups of four, then shifts and bitwise. */
    private void binary(int opcode) {
        boolean wide;
        if (opcode <= Opcodes.DREM) {
            int kind = (opcode - Opcodes.IADD) % 4; // I, L, F, D
            wide = kind == 1 || kind == 3;
        } else {
            wide = opcode == Opcodes.LAND || opcode == Opcodes.LOR || opcode == Opcodes.LXOR;
        }
        pop(wide ? 4 : 2);
        push(wide ? 2 : 1);
    }

    void intInsn(int opcode, int operand) {
        pairCopied = false;
        if (opcode == Opcodes.NEWARRAY) {
            pop(1);
            stack.add(new Origin(null, "[" + primitive(operand), true));
        } else {
            push(1); // BIPUSH, SIPUSH
        }
    }

    void varInsn(int opcode, int var) {
        pairCopied = false;
        switch (opcode) {
            case Opcodes.ILOAD: case Opcodes.FLOAD:
                push(1);
                break;
            case Opcodes.LLOAD: case Opcodes.DLOAD:
                push(2);
                break;
            case Opcodes.ALOAD: {
                Origin held = local(var);
                stack.add(held == null ? new Origin(null, null, false, Source.local(var))
                    : new Origin(held.name, held.descriptor, false, Source.local(var)));
                break;
            }
            case Opcodes.ISTORE: case Opcodes.FSTORE:
                pop(1);
                setLocal(var, null);
                break;
            case Opcodes.LSTORE: case Opcodes.DSTORE:
                pop(2);
                setLocal(var, null);
                setLocal(var + 1, null);
                break;
            case Opcodes.ASTORE:
                setLocal(var, pop());
                break;
            default: // RET
                unreachable();
        }
    }

    void typeInsn(int opcode, String type) {
        pairCopied = false;
        switch (opcode) {
            case Opcodes.NEW:
                push(1);
                break;
            case Opcodes.ANEWARRAY:
                pop(1);
                stack.add(new Origin(null, "[" + (type.startsWith("[") ? type : "L" + type + ";"), true));
                break;
            case Opcodes.CHECKCAST:
                break; // the same reference
            default: // INSTANCEOF
                pop(1);
                push(1);
        }
    }

    /** A field instruction; {@code qualifiedName} ({@code com.acme.Foo.data}) names the field. */
    void fieldInsn(int opcode, String owner, String name, String descriptor, String qualifiedName) {
        pairCopied = false;
        int size = Type.getType(descriptor).getSize();
        Origin value = descriptor.startsWith("[") ? new Origin(qualifiedName, descriptor, false) : null;
        switch (opcode) {
            case Opcodes.GETSTATIC:
                pushValue(value, size);
                break;
            case Opcodes.PUTSTATIC:
                pop(size);
                break;
            case Opcodes.GETFIELD: {
                Origin receiver = pop();
                if (value != null && receiver != null && receiver.source != null && !receiver.source.isField()) {
                    value = new Origin(qualifiedName, descriptor, false,
                        new Source(receiver.source.local(), owner, name, descriptor));
                }
                pushValue(value, size);
                break;
            }
            default: // PUTFIELD
                pop(size + 1);
        }
    }

    void methodInsn(int opcode, String descriptor) {
        pairCopied = false;
        int argumentsAndReturn = Type.getArgumentsAndReturnSizes(descriptor);
        pop((argumentsAndReturn >> 2) - (opcode == Opcodes.INVOKESTATIC ? 1 : 0));
        push(argumentsAndReturn & 0x3);
    }

    void invokeDynamicInsn(String descriptor) {
        pairCopied = false;
        int argumentsAndReturn = Type.getArgumentsAndReturnSizes(descriptor);
        pop((argumentsAndReturn >> 2) - 1);
        push(argumentsAndReturn & 0x3);
    }

    void jumpInsn(int opcode) {
        pairCopied = false;
        switch (opcode) {
            case Opcodes.GOTO:
                unreachable();
                break;
            case Opcodes.JSR:
                push(1);
                break;
            case Opcodes.IF_ICMPEQ: case Opcodes.IF_ICMPNE: case Opcodes.IF_ICMPLT: case Opcodes.IF_ICMPGE:
            case Opcodes.IF_ICMPGT: case Opcodes.IF_ICMPLE: case Opcodes.IF_ACMPEQ: case Opcodes.IF_ACMPNE:
                popQuietly(2);
                break;
            default: // IFEQ..IFLE, IFNULL, IFNONNULL
                popQuietly(1);
        }
    }

    void ldcInsn(Object value) {
        pairCopied = false;
        if (value instanceof Long || value instanceof Double) {
            push(2);
        } else if (value instanceof ConstantDynamic) {
            push(((ConstantDynamic) value).getSize());
        } else {
            push(1);
        }
    }

    /** {@code tableswitch}, {@code lookupswitch}. */
    void switchInsn() {
        pairCopied = false;
        pop(1);
        unreachable();
    }

    void multiANewArrayInsn(String descriptor, int dimensions) {
        pairCopied = false;
        pop(dimensions);
        stack.add(new Origin(null, descriptor, true));
    }

    /** A stack-map frame (expanded: {@code F_NEW}, full locals and stack). */
    void frame(int type, int numLocal, Object[] local, int numStack, Object[] stackTypes) {
        pairCopied = false;
        stack.clear();
        if (type != Opcodes.F_NEW) {
            return; // compressed frames: the stack is unknown, locals are kept
        }
        for (int i = 0; i < numStack; i++) {
            push(stackTypes[i] == Opcodes.LONG || stackTypes[i] == Opcodes.DOUBLE ? 2 : 1);
        }
        Origin[] kept = new Origin[locals.length];
        int slot = 0;
        for (int i = 0; i < numLocal && slot < locals.length; i++) {
            Object localType = local[i];
            Origin origin = locals[slot];
            if (origin != null && origin.descriptor != null && origin.descriptor.equals(localType)) {
                kept[slot] = origin;
            }
            slot += localType == Opcodes.LONG || localType == Opcodes.DOUBLE ? 2 : 1;
        }
        locals = kept;
    }

    private void unreachable() {
        stack.clear(); // what follows is reached by a jump, with a frame that says what the stack holds
    }

    private void pushValue(Origin value, int size) {
        if (value != null) {
            stack.add(value);
        } else {
            push(size);
        }
    }

    private void push(int slots) {
        for (int i = 0; i < slots; i++) {
            stack.add(null);
        }
    }

    /** Pops a value that goes somewhere else (a local, a field, a call, another array): it escapes. */
    private Origin pop() {
        Origin origin = popQuietly();
        if (origin != null) {
            origin.fresh = false;
        }
        return origin;
    }

    private void pop(int slots) {
        for (int i = 0; i < slots; i++) {
            pop();
        }
    }

    /** Pops a value that is only looked at (an array operand, a comparison, a discarded copy). */
    private Origin popQuietly() {
        return stack.isEmpty() ? null : stack.remove(stack.size() - 1);
    }

    private void popQuietly(int slots) {
        for (int i = 0; i < slots; i++) {
            popQuietly();
        }
    }

    /** DUP-family: copies the top {@code count} slots below the {@code under} slots beneath them. */
    private void shuffle(int count, int under) {
        int size = stack.size();
        if (size < count + under) {
            push(count); // inconsistent: unknown values
            return;
        }
        ArrayList<Origin> top = new ArrayList<>(stack.subList(size - count, size));
        stack.addAll(size - count - under, top);
    }

    private Origin local(int var) {
        return var < locals.length ? locals[var] : null;
    }

    private void setLocal(int var, Origin origin) {
        if (var >= locals.length) {
            if (origin == null) {
                return;
            }
            locals = Arrays.copyOf(locals, Math.max(var + 1, locals.length * 2));
        }
        locals[var] = origin;
    }

    private static char primitive(int newArrayOperand) {
        switch (newArrayOperand) {
            case Opcodes.T_BOOLEAN:
                return 'Z';
            case Opcodes.T_CHAR:
                return 'C';
            case Opcodes.T_FLOAT:
                return 'F';
            case Opcodes.T_DOUBLE:
                return 'D';
            case Opcodes.T_BYTE:
                return 'B';
            case Opcodes.T_SHORT:
                return 'S';
            case Opcodes.T_LONG:
                return 'J';
            default:
                return 'I';
        }
    }
}
