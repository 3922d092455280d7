package dev.weft.agent.race;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What a method rewriter knows about the values on top of the operand stack, in straight-line code:
 * for each slot, whether it was just loaded from a field ({@code pkg.Class.field}, which names an
 * object in reports) or is an object created by a {@code new} in this method that nothing else has
 * seen yet ({@link Fresh}). Only the top of the stack since the last instruction it cannot follow
 * is known; anything else — a branch target (its stack map frame), an instruction not modelled —
 * makes it forget, which only loses a name or a skipped check, never invents one.
 */
final class ReceiverTracker {
    /**
     * An object from a {@code new} in this method, as long as no copy of it has been stored,
     * passed on or published: calls on it cannot race, as no other thread can have it yet.
     */
    static final class Fresh {
        boolean escaped;
    }

    /** {@code this} in a constructor. */
    static final Object THIS = new Object();

    /**
     * An object a constructor loaded from a final field of its own class: what the constructor does
     * to it is frozen with the field, visible to every thread that reaches it through the field (the
     * Java memory model's final-field semantics), so those calls cannot race with later ones.
     */
    record Frozen(String holder) {
    }

    /** Top-most last; one entry per slot (a long or double takes two); null: nothing known. */
    private final List<Object> top = new ArrayList<>();

    /** Forgets everything: the stack may hold anything now. */
    void clear() {
        for (Object tag : top) {
            escape(tag);
        }
        top.clear();
    }

    void push(Object tag, int size) {
        if (size == 2) {
            top.add(null);
        }
        top.add(tag);
    }

    /** Pops {@code slots} slots that are consumed by something other than a checked call: stored, passed, published. */
    void consume(int slots) {
        for (int i = 0; i < slots; i++) {
            if (top.isEmpty()) {
                return;
            }
            escape(top.remove(top.size() - 1));
        }
    }

    /** The tag {@code depth} slots below the top (0: the top itself), null if unknown. */
    Object peek(int depth) {
        int index = top.size() - 1 - depth;
        return index >= 0 ? top.get(index) : null;
    }

    /** Removes {@code slots} slots without treating them as escaped (the receiver of a checked call). */
    void drop(int slots) {
        for (int i = 0; i < slots && !top.isEmpty(); i++) {
            top.remove(top.size() - 1);
        }
    }

    void dup() {
        top.add(top.isEmpty() ? null : top.get(top.size() - 1));
        if (top.size() == 1) {
            top.add(0, null); // the duplicated value was unknown: now two unknown slots are known to be there
        }
    }

    private static void escape(Object tag) {
        if (tag instanceof Fresh fresh) {
            fresh.escaped = true;
        }
    }

    // ---- stack effects of the instructions a method visitor sees ------------------------------

    void insn(int opcode) {
        switch (opcode) {
            case Opcodes.NOP -> { }
            case Opcodes.ACONST_NULL, Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2,
                 Opcodes.ICONST_3, Opcodes.ICONST_4, Opcodes.ICONST_5, Opcodes.FCONST_0, Opcodes.FCONST_1,
                 Opcodes.FCONST_2 -> push(null, 1);
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> push(null, 2);
            case Opcodes.DUP -> dup();
            case Opcodes.POP -> consume(1);
            case Opcodes.POP2 -> consume(2);
            default -> clear();
        }
    }

    void intInsn(int opcode) {
        if (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) {
            push(null, 1);
        } else {
            clear();
        }
    }

    /** {@code thisInConstructor}: the instruction loads {@code this} in a constructor. */
    void varInsn(int opcode, boolean thisInConstructor) {
        switch (opcode) {
            case Opcodes.ALOAD -> push(thisInConstructor ? THIS : null, 1);
            case Opcodes.ILOAD, Opcodes.FLOAD -> push(null, 1);
            case Opcodes.LLOAD, Opcodes.DLOAD -> push(null, 2);
            case Opcodes.ISTORE, Opcodes.FSTORE, Opcodes.ASTORE -> consume(1);
            case Opcodes.LSTORE, Opcodes.DSTORE -> consume(2);
            default -> clear();
        }
    }

    void typeInsn(int opcode, String type) {
        if (opcode == Opcodes.NEW) {
            push(type.startsWith("java/") ? new Fresh() : null, 1); // an application's constructor may publish this
        } else if (opcode != Opcodes.CHECKCAST) {
            clear();
        }
    }

    void ldc(Object value) {
        push(null, value instanceof Long || value instanceof Double ? 2 : 1);
    }

    /** {@code holder}: the field's name if it holds an object ({@link Frozen} if so), else null. */
    void fieldInsn(int opcode, String descriptor, Object holder) {
        int size = Type.getType(descriptor).getSize();
        switch (opcode) {
            case Opcodes.GETSTATIC -> push(holder, size);
            case Opcodes.GETFIELD -> {
                consume(1);
                push(holder, size);
            }
            case Opcodes.PUTSTATIC -> consume(size);
            default -> consume(size + 1);
        }
    }

    /** A call weft does not check: the arguments (and receiver) are passed on, the result is unknown. */
    void call(int opcode, String name, String descriptor) {
        int argumentSlots = Type.getArgumentsAndReturnSizes(descriptor) >> 2;
        int returnSize = Type.getArgumentsAndReturnSizes(descriptor) & 3;
        if (opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKEDYNAMIC) {
            argumentSlots--; // the sizes count an implicit receiver
        }
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            consume(argumentSlots - 1);
            drop(1); // the uninitialized copy the constructor consumes; the object's other copy stays fresh
        } else {
            consume(argumentSlots);
        }
        if (returnSize > 0) {
            push(null, returnSize);
        }
    }

    /** A checked call: the receiver is {@code depth} slots down; a call that returns it passes its tag on. */
    void checkedCall(String descriptor, boolean returnsReceiver) {
        int sizes = Type.getArgumentsAndReturnSizes(descriptor);
        int argumentSlots = (sizes >> 2) - 1;
        Object receiver = peek(argumentSlots);
        consume(argumentSlots);
        drop(1);
        int returnSize = sizes & 3;
        if (returnSize > 0) {
            push(returnsReceiver ? receiver : null, returnSize);
        }
    }
}
