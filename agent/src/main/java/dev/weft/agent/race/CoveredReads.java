package dev.weft.agent.race;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Finds the field reads whose check the write right after them makes redundant: the read half of
 * {@code this.count++} or {@code this.total += amount} — the same field of the same object, read
 * and then written back with only arithmetic on the operand stack between (javac's
 * {@code dup; getfield f; ...; putfield f}, or {@code aload n; aload n; getfield f; ...; putfield f}).
 *
 * <p>Nothing between the two can synchronize, so both accesses fall in one epoch of the thread,
 * and any access of another thread that races with the read races with the write too: checking
 * the write alone finds the same races (reported at the same line, as a write). Read-modify-write
 * counters are the commonest shared state, and this halves their cost.
 *
 * <p>Reads are numbered by their order among the method's {@code getfield} instructions, which the
 * rewriting pass sees in the same order.
 */
final class CoveredReads {
    private static final BitSet NONE = new BitSet();
    private final Map<String, BitSet> byMethod;

    private CoveredReads(Map<String, BitSet> byMethod) {
        this.byMethod = byMethod;
    }

    /** Scans every method of the class read by {@code reader}. */
    static CoveredReads of(ClassReader reader) {
        Map<String, BitSet> byMethod = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                BitSet covered = new BitSet();
                byMethod.put(name + descriptor, covered);
                return new Scanner(covered);
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new CoveredReads(byMethod);
    }

    /** The numbers of the covered {@code getfield}s of one method. */
    BitSet of(String name, String descriptor) {
        return byMethod.getOrDefault(name + descriptor, NONE);
    }

    /**
     * A small state machine over one method's instructions: a receiver made twice (dup, or the
     * same local loaded twice), a {@code getfield}, simple instructions, then a {@code putfield} of
     * that field.
     */
    private static final class Scanner extends MethodVisitor {
        private final BitSet covered;
        private int reads;
        /** The local loaded last by an aload right before, or -1. */
        private int loadedLocal = -1;
        /** Whether the receiver is on the stack twice: the last instructions were dup or aload n; aload n. */
        private boolean receiverTwice;
        /** The read being followed: its number and field, or -1. */
        private int pendingRead = -1;
        private String pendingOwner;
        private String pendingName;

        Scanner(BitSet covered) {
            super(Opcodes.ASM9);
            this.covered = covered;
        }

        private void other() {
            loadedLocal = -1;
            receiverTwice = false;
            pendingRead = -1;
        }

        /** An instruction that only computes on the operand stack keeps a pending read pending. */
        private void simple() {
            loadedLocal = -1;
            receiverTwice = false;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.DUP && pendingRead < 0) {
                other();
                receiverTwice = true;
            } else if (pendingRead >= 0 && (opcode <= Opcodes.DCONST_1
                || (opcode >= Opcodes.IADD && opcode <= Opcodes.LXOR) || (opcode >= Opcodes.I2L && opcode <= Opcodes.I2S))) {
                simple();
            } else {
                other();
            }
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            if (opcode == Opcodes.ALOAD && pendingRead < 0) {
                boolean twice = loadedLocal == varIndex;
                other();
                loadedLocal = varIndex;
                receiverTwice = twice;
            } else if (pendingRead >= 0 && opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD) {
                simple();
            } else {
                other();
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            if (pendingRead >= 0 && opcode != Opcodes.NEWARRAY) {
                simple();
            } else {
                other();
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (pendingRead >= 0) {
                simple();
            } else {
                other();
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.GETFIELD) {
                int read = reads++;
                boolean candidate = receiverTwice && pendingRead < 0;
                other();
                if (candidate) {
                    pendingRead = read;
                    pendingOwner = owner;
                    pendingName = name;
                }
                return;
            }
            if (opcode == Opcodes.PUTFIELD && pendingRead >= 0 && owner.equals(pendingOwner) && name.equals(pendingName)) {
                covered.set(pendingRead);
            }
            other();
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            other();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            other();
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            other();
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            other();
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            other();
        }

        @Override
        public void visitLabel(Label label) {
            other();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            other();
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            other();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            other();
        }
    }
}
