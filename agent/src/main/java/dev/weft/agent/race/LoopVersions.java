package dev.weft.agent.race;

import dev.weft.agent.instrument.Bytecode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.TypePath;
import net.bytebuddy.jar.asm.TypeReference;

/**
 * Versions covered loops in the bytecode, a pass after the rest of the rewriting of a method that
 * has covered loops ({@link LoopChecks}): the method's code is buffered (its own small tree: the
 * relocated ASM has no tree API), each loop whose head check {@link LoopCheckWriter} wrote gets a
 * second, unchecked copy, and the code is replayed to the next visitor. From
 *
 * <pre>
 * head: frame; head check; istore flag
 * past: frame  body (its hooks load the flag)  goto past
 * </pre>
 *
 * to
 *
 * <pre>
 * head: frame; head check; istore flag; iload flag; ifne pastU
 * past: frame  body  goto past
 * pastU: frame  copy of the body without the flagged checks  goto pastU
 * </pre>
 *
 * A flagged check (a memo hook that gets the flag) with the flag set returns its memo at once,
 * so in the copy, which runs only with the flag set, each is left out whole (where its
 * instructions are not exactly as {@link RaceCheckVisitor} writes them, the flag becomes the
 * constant 1 instead, for the JIT to fold). A loop entered with its arrays covered thus runs the
 * application's own instructions, whatever the JIT decides about unswitching; the checks that do
 * not get the flag (arrays the head could not check, fields) stay in both versions. In the copy,
 * labels defined inside the loop are new, jumps out of it keep their targets; line numbers, frames
 * and the handler and local variable entries that cover the loop are copied along.
 *
 * <p>Only where the copy is safe and small: the loop ends in {@code goto past} and nothing outside
 * it jumps into it but to {@code past}, no handler starts inside it, it does not store the flag,
 * no subroutines; at most {@value #MAX_LOOP} instructions, and the method stays under
 * {@value #MAX_CODE} bytes (an upper bound of its size, well below the class file's 64 KiB and
 * the 32 KiB that jumps reach without rewriting). Otherwise the loop stays as it was, checked by
 * its flag.
 */
final class LoopVersions extends MethodVisitor {
    /** The most instructions a loop may have to be copied. */
    static final int MAX_LOOP = 1_500;
    /** The most bytes (an upper bound) the method's code may have with its copies. */
    static final int MAX_CODE = 30_000;
    /** The memo hooks of covered loops' checks, as {@link Op#operand} names calls. */
    private static final String FLAGGED_LOAD = Bytecode.HOOKS
        + ".arrayLoad(Ljava/lang/Object;IIILjava/lang/Object;I)Ljava/lang/Object;";
    private static final String FLAGGED_STORE = Bytecode.HOOKS
        + ".arrayStore(Ljava/lang/Object;IIILjava/lang/Object;I)Ljava/lang/Object;";

    private final List<Node> code = new ArrayList<>();
    private final List<TryCatch> tryCatches = new ArrayList<>();
    private final List<Local> locals = new ArrayList<>();
    private final List<Consumer<MethodVisitor>> localAnnotations = new ArrayList<>();
    /** The labels past covered loops' head checks, and the flag they load. */
    private final List<Label> heads = new ArrayList<>();
    private int flag = -1;
    private boolean subroutines;
    private int maxStack;
    private int maxLocals;

    LoopVersions(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** {@link LoopCheckWriter} wrote a head check storing {@code flagLocal} and, after it, label {@code past}. */
    void headChecked(Label past, int flagLocal) {
        heads.add(past);
        flag = flagLocal;
    }

    // ---- buffering: the code's events become nodes; everything before visitCode passes through ----

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        // the reader reuses its arrays from frame to frame
        code.add(new Frame(type, numLocal, local == null ? null : Arrays.copyOf(local, numLocal), numStack,
            stack == null ? null : Arrays.copyOf(stack, numStack)));
    }

    @Override
    public void visitInsn(int opcode) {
        code.add(new Op(opcode, null, 1, mv -> mv.visitInsn(opcode)));
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        code.add(new Op(opcode, operand, 3, mv -> mv.visitIntInsn(opcode, operand)));
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        subroutines |= opcode == Opcodes.RET;
        code.add(new Var(opcode, varIndex));
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        code.add(new Op(opcode, type, 3, mv -> mv.visitTypeInsn(opcode, type)));
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        code.add(new Op(opcode, null, 3, mv -> mv.visitFieldInsn(opcode, owner, name, descriptor)));
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        code.add(new Op(opcode, owner + '.' + name + descriptor, 5,
            mv -> mv.visitMethodInsn(opcode, owner, name, descriptor, isInterface)));
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        code.add(new Op(Opcodes.INVOKEDYNAMIC, null, 5,
            mv -> mv.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments)));
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        subroutines |= opcode == Opcodes.JSR;
        code.add(new Jump(opcode, label));
    }

    @Override
    public void visitLabel(Label label) {
        code.add(new At(label));
    }

    @Override
    public void visitLdcInsn(Object value) {
        code.add(new Op(Opcodes.LDC, value, 3, mv -> mv.visitLdcInsn(value)));
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        code.add(new Op(Opcodes.IINC, null, 6, mv -> mv.visitIincInsn(varIndex, increment)));
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        code.add(new Switch(min, max, null, dflt, labels.clone()));
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        code.add(new Switch(0, 0, keys.clone(), dflt, labels.clone()));
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        code.add(new Op(Opcodes.MULTIANEWARRAY, null, 4, mv -> mv.visitMultiANewArrayInsn(descriptor, numDimensions)));
    }

    @Override
    public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
        Recorded annotation = new Recorded();
        code.add(new Op(-1, null, 0,
            mv -> annotation.replay(mv.visitInsnAnnotation(typeRef, typePath, descriptor, visible))));
        return annotation;
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        tryCatches.add(new TryCatch(start, end, handler, type, new ArrayList<>()));
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                     boolean visible) {
        Recorded annotation = new Recorded();
        // annotations name their entry by its index, which copies shift: renumbered when replayed
        tryCatches.get(new TypeReference(typeRef).getTryCatchBlockIndex()).annotations.add(
            (mv, index) -> annotation.replay(mv.visitTryCatchAnnotation(
                TypeReference.newTryCatchReference(index).getValue(), typePath, descriptor, visible)));
        return annotation;
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                   int index) {
        locals.add(new Local(name, descriptor, signature, start, end, index));
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start, Label[] end,
                                                          int[] index, String descriptor, boolean visible) {
        Recorded annotation = new Recorded();
        Label[] starts = start.clone();
        Label[] ends = end.clone();
        int[] indices = index.clone();
        localAnnotations.add(mv -> annotation.replay(
            mv.visitLocalVariableAnnotation(typeRef, typePath, starts, ends, indices, descriptor, visible)));
        return annotation;
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        code.add(new Line(line, start));
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        this.maxStack = maxStack;
        this.maxLocals = maxLocals;
    }

    /** The method's code is complete: versions its loops, then replays it all to the next visitor. */
    @Override
    public void visitEnd() {
        if (!subroutines) {
            int bytes = 0;
            for (Node node : code) {
                bytes += node.size();
            }
            for (Label past : heads) {
                bytes += version(past, bytes);
            }
        }
        replay(mv);
        mv.visitEnd();
    }

    private void replay(MethodVisitor out) {
        for (int i = 0; i < tryCatches.size(); i++) {
            TryCatch entry = tryCatches.get(i);
            out.visitTryCatchBlock(entry.start, entry.end, entry.handler, entry.type);
            for (TryCatchAnnotation annotation : entry.annotations) {
                annotation.replay(out, i);
            }
        }
        for (Node node : code) {
            node.accept(out);
        }
        for (Local local : locals) {
            out.visitLocalVariable(local.name, local.descriptor, local.signature, local.start, local.end, local.index);
        }
        for (Consumer<MethodVisitor> annotation : localAnnotations) {
            annotation.accept(out);
        }
        out.visitMaxs(maxStack, maxLocals);
    }

    // ---- versioning ----

    /** Copies the loop past label {@code past}, if safe and small enough; the bytes added (0 if not). */
    private int version(Label past, int bytes) {
        Map<Label, Integer> at = new IdentityHashMap<>();
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i) instanceof At label) {
                at.put(label.label, i);
            }
        }
        Integer first = at.get(past);
        if (first == null || first == 0 || !(code.get(first - 1) instanceof Var store)
            || store.opcode != Opcodes.ISTORE || store.var != flag) {
            return 0;
        }
        int last = -1;
        for (int i = first; i < code.size(); i++) {
            if (code.get(i).jumpsTo(past)) {
                last = i;
            }
        }
        if (last < 0 || !(code.get(last) instanceof Jump back) || back.opcode != Opcodes.GOTO) {
            return 0;
        }
        // the loop: what it defines, its size, what it must not do
        Set<Label> inside = Collections.newSetFromMap(new IdentityHashMap<>());
        int instructions = 0;
        int loopBytes = 0;
        for (int i = first; i <= last; i++) {
            Node node = code.get(i);
            if (node instanceof At label) {
                inside.add(label.label);
            }
            if (node instanceof Var var && var.opcode == Opcodes.ISTORE && var.var == flag) {
                return 0; // the flag changes inside: not a constant in the copy
            }
            instructions += node.size() > 0 ? 1 : 0;
            loopBytes += node.size();
        }
        int added = loopBytes + 4; // and iload flag; ifne pastU
        if (instructions > MAX_LOOP || bytes + added > MAX_CODE) {
            return 0;
        }
        for (int i = 0; i < code.size(); i++) {
            if ((i < first || i > last) && code.get(i).jumpsInto(inside, past)) {
                return 0;
            }
        }
        for (TryCatch entry : tryCatches) {
            if (inside.contains(entry.handler)) {
                return 0;
            }
        }
        // the copy
        Map<Label, Label> copies = new IdentityHashMap<>();
        for (Label label : inside) {
            copies.put(label, new Label());
        }
        Label pastU = copies.get(past);
        Label endU = new Label();
        List<Node> copy = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            Node node = code.get(i);
            copy.add(node instanceof Var var && var.opcode == Opcodes.ILOAD && var.var == flag
                ? new Op(Opcodes.ICONST_1, null, 1, mv -> mv.visitInsn(Opcodes.ICONST_1))
                : node.copy(copies));
        }
        stripCoveredChecks(copy);
        Line line = lineAt(first);
        if (line != null && !(copy.size() > 2 && copy.get(1) instanceof Line)) {
            copy.add(1, new Line(line.line, pastU)); // the line the loop starts in, as in the original
        }
        copy.add(new At(endU));
        // handler and local variable entries that cover part of the loop cover the same part of the copy
        for (int i = tryCatches.size() - 1; i >= 0; i--) {
            TryCatch entry = tryCatches.get(i);
            Label[] range = copiedRange(entry.start, entry.end, first, last, at, inside, copies, pastU, endU);
            if (range != null) {
                tryCatches.add(i + 1, new TryCatch(range[0], range[1], entry.handler, entry.type, entry.annotations));
            }
        }
        for (int i = locals.size() - 1; i >= 0; i--) {
            Local local = locals.get(i);
            Label[] range = copiedRange(local.start, local.end, first, last, at, inside, copies, pastU, endU);
            if (range != null) {
                locals.add(new Local(local.name, local.descriptor, local.signature, range[0], range[1], local.index));
            }
        }
        code.addAll(last + 1, copy);
        code.addAll(first, List.of(new Var(Opcodes.ILOAD, flag), new Jump(Opcodes.IFNE, pastU)));
        return added;
    }

    /**
     * Removes from the copy each flagged memo check as {@link RaceCheckVisitor} and
     * {@link LoopCheckWriter} write it, now with the constant flag:
     * {@code [copy array and index] push nameId; push site; aload memo; iconst_1; invokestatic
     * Hooks.arrayLoad|arrayStore; astore memo}. With the flag set the hook returns the memo at
     * once, so the sequence leaves the stack and the locals as it found them.
     */
    private static void stripCoveredChecks(List<Node> copy) {
        for (int i = copy.size() - 2; i >= 6; i--) {
            if (copy.get(i) instanceof Op call && call.opcode == Opcodes.INVOKESTATIC
                && (FLAGGED_LOAD.equals(call.operand) || FLAGGED_STORE.equals(call.operand))
                && copy.get(i - 1) instanceof Op flag && flag.opcode == Opcodes.ICONST_1
                && copy.get(i - 2) instanceof Var load && load.opcode == Opcodes.ALOAD
                && copy.get(i + 1) instanceof Var store && store.opcode == Opcodes.ASTORE && store.var == load.var
                && pushesInt(copy.get(i - 3)) && pushesInt(copy.get(i - 4))) {
                int from = FLAGGED_LOAD.equals(call.operand)
                    ? (opcodeOf(copy.get(i - 5)) == Opcodes.DUP2 ? i - 5 : -1)
                    : i >= 7 && copiesArrayIndexUnderValue(copy, i - 5) ? i - 7 : -1;
                if (from >= 0) {
                    copy.subList(from, i + 2).clear();
                    i = from;
                }
            }
        }
    }

    private static int opcodeOf(Node node) {
        return node instanceof Op op ? op.opcode : node instanceof Var var ? var.opcode : -1;
    }

    private static boolean pushesInt(Node node) {
        int opcode = opcodeOf(node);
        return (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) || opcode == Opcodes.BIPUSH
            || opcode == Opcodes.SIPUSH || (opcode == Opcodes.LDC && ((Op) node).operand instanceof Integer);
    }

    /** Whether nodes {@code end-2..end} are {@code dup_x2; pop; dup2_x1} or {@code dup2_x2; pop2; dup2_x2}. */
    private static boolean copiesArrayIndexUnderValue(List<Node> copy, int end) {
        int a = opcodeOf(copy.get(end - 2));
        int b = opcodeOf(copy.get(end - 1));
        int c = opcodeOf(copy.get(end));
        return (a == Opcodes.DUP_X2 && b == Opcodes.POP && c == Opcodes.DUP2_X1)
            || (a == Opcodes.DUP2_X2 && b == Opcodes.POP2 && c == Opcodes.DUP2_X2);
    }

    /** The line number in effect at node {@code index}, or null. */
    private Line lineAt(int index) {
        for (int i = index; i >= 0; i--) {
            if (code.get(i) instanceof Line line) {
                return line;
            }
        }
        return null;
    }

    /**
     * The range in the copy of the part of [start, end) inside the loop [first, last], or null if
     * that part holds no instruction.
     */
    private Label[] copiedRange(Label start, Label end, int first, int last, Map<Label, Integer> at, Set<Label> inside,
                                Map<Label, Label> copies, Label pastU, Label endU) {
        Integer from = at.get(start);
        Integer to = at.get(end);
        if (from == null || to == null) {
            return null;
        }
        boolean any = false;
        for (int i = Math.max(from, first); i < Math.min(to, last + 1) && !any; i++) {
            any = code.get(i).size() > 0;
        }
        if (!any) {
            return null;
        }
        return new Label[] {inside.contains(start) ? copies.get(start) : pastU,
            inside.contains(end) ? copies.get(end) : endU};
    }

    // ---- the buffer's nodes ----

    /** One event of the code. */
    private interface Node {
        /** An upper bound of the bytes it takes in the code. */
        int size();

        void accept(MethodVisitor out);

        /** The node in a copy whose labels are {@code copies} (the others stay). */
        default Node copy(Map<Label, Label> copies) {
            return this;
        }

        default boolean jumpsTo(Label label) {
            return false;
        }

        /** Whether it may jump to a label of {@code inside} other than {@code entry}. */
        default boolean jumpsInto(Set<Label> inside, Label entry) {
            return false;
        }

        static Label mapped(Label label, Map<Label, Label> copies) {
            return copies.getOrDefault(label, label);
        }
    }

    /** An instruction without labels (or an instruction's annotation, size 0). */
    private record Op(int opcode, Object operand, int size, Consumer<MethodVisitor> write) implements Node {
        @Override
        public void accept(MethodVisitor out) {
            write.accept(out);
        }
    }

    private record Var(int opcode, int var) implements Node {
        @Override
        public int size() {
            return 4; // wide at most
        }

        @Override
        public void accept(MethodVisitor out) {
            out.visitVarInsn(opcode, var);
        }
    }

    private record Jump(int opcode, Label target) implements Node {
        @Override
        public int size() {
            return 3;
        }

        @Override
        public void accept(MethodVisitor out) {
            out.visitJumpInsn(opcode, target);
        }

        @Override
        public Node copy(Map<Label, Label> copies) {
            return new Jump(opcode, Node.mapped(target, copies));
        }

        @Override
        public boolean jumpsTo(Label label) {
            return target == label;
        }

        @Override
        public boolean jumpsInto(Set<Label> inside, Label entry) {
            return target != entry && inside.contains(target);
        }
    }

    /** A table switch ({@code keys} null) or a lookup switch. */
    private record Switch(int min, int max, int[] keys, Label dflt, Label[] labels) implements Node {
        @Override
        public int size() {
            return 1 + 3 + (keys == null ? 12 + 4 * labels.length : 8 + 8 * labels.length);
        }

        @Override
        public void accept(MethodVisitor out) {
            if (keys == null) {
                out.visitTableSwitchInsn(min, max, dflt, labels);
            } else {
                out.visitLookupSwitchInsn(dflt, keys, labels);
            }
        }

        @Override
        public Node copy(Map<Label, Label> copies) {
            Label[] mapped = new Label[labels.length];
            for (int i = 0; i < labels.length; i++) {
                mapped[i] = Node.mapped(labels[i], copies);
            }
            return new Switch(min, max, keys, Node.mapped(dflt, copies), mapped);
        }

        @Override
        public boolean jumpsTo(Label label) {
            return dflt == label || Arrays.asList(labels).contains(label);
        }

        @Override
        public boolean jumpsInto(Set<Label> inside, Label entry) {
            if (dflt != entry && inside.contains(dflt)) {
                return true;
            }
            for (Label label : labels) {
                if (label != entry && inside.contains(label)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record At(Label label) implements Node {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public void accept(MethodVisitor out) {
            out.visitLabel(label);
        }

        @Override
        public Node copy(Map<Label, Label> copies) {
            return new At(Node.mapped(label, copies));
        }
    }

    private record Line(int line, Label start) implements Node {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public void accept(MethodVisitor out) {
            out.visitLineNumber(line, start);
        }

        @Override
        public Node copy(Map<Label, Label> copies) {
            return new Line(line, Node.mapped(start, copies));
        }
    }

    /** A stack map frame; uninitialized types name the label of their {@code new}. */
    private record Frame(int type, int numLocal, Object[] local, int numStack, Object[] stack) implements Node {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public void accept(MethodVisitor out) {
            out.visitFrame(type, numLocal, local, numStack, stack);
        }

        @Override
        public Node copy(Map<Label, Label> copies) {
            return new Frame(type, numLocal, mapped(local, copies), numStack, mapped(stack, copies));
        }

        private static Object[] mapped(Object[] types, Map<Label, Label> copies) {
            if (types == null) {
                return null;
            }
            Object[] mapped = types.clone();
            for (int i = 0; i < mapped.length; i++) {
                if (mapped[i] instanceof Label label) {
                    mapped[i] = Node.mapped(label, copies);
                }
            }
            return mapped;
        }
    }

    private interface TryCatchAnnotation {
        void replay(MethodVisitor out, int index);
    }

    private record TryCatch(Label start, Label end, Label handler, String type, List<TryCatchAnnotation> annotations) {
    }

    private record Local(String name, String descriptor, String signature, Label start, Label end, int index) {
    }

    /** An annotation's content, recorded to be replayed. */
    private static final class Recorded extends AnnotationVisitor {
        private final List<Consumer<AnnotationVisitor>> events = new ArrayList<>();

        Recorded() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(String name, Object value) {
            events.add(av -> av.visit(name, value));
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            events.add(av -> av.visitEnum(name, descriptor, value));
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String descriptor) {
            Recorded nested = new Recorded();
            events.add(av -> nested.replay(av.visitAnnotation(name, descriptor)));
            return nested;
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            Recorded nested = new Recorded();
            events.add(av -> nested.replay(av.visitArray(name)));
            return nested;
        }

        /** Replays the content and ends it; nothing if {@code target} is null. */
        void replay(AnnotationVisitor target) {
            if (target == null) {
                return;
            }
            for (Consumer<AnnotationVisitor> event : events) {
                event.accept(target);
            }
            target.visitEnd();
        }
    }
}
