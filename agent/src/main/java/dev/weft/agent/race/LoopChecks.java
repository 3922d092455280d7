package dev.weft.agent.race;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Plans how the checks in a method's loops avoid repeating themselves (BigFoot's observation: in a
 * loop, most checks are redundant). Two mechanisms, both exact uses of FastTrack's same-epoch path:
 *
 * <p><b>Memos.</b> A check in a loop gets a local of the rewritten method, its memo, holding the
 * array (or object) the check last found covered for the rest of the thread's epoch; the next
 * execution on the same array skips the hook's work with one comparison. Checks nested deepest
 * come first; at most {@value #MAX_MEMOS} per method, and fewer where clearing them (after every
 * instruction that may synchronize) would more than double the method's size.
 *
 * <p><b>Covered loops.</b> An innermost loop (a backward jump and the instructions from its
 * target) that nothing enters but through its head, with no exception handler inside, whose array
 * accesses load their arrays from locals the loop never stores (or from final fields of
 * {@code this}), gets a <em>head check</em>: on entry (the back edges are moved past it), one
 * query per array whether the thread has already read (written) it in the current epoch with its
 * shadow coarse, anded into one int local, the loop's flag. A set flag skips those accesses'
 * checks: {@link LoopVersions} gives the loop a copy without them that the head check jumps to
 * (or, where it cannot, the test stays loop-invariant for the JIT to unswitch), so the loop runs
 * as fast as without weft once its arrays were checked in the epoch (a relaxation's later sweeps,
 * a matrix's later rows). The flag is cleared wherever memos are, so an instruction that may
 * synchronize inside the loop makes the rest of that entry check as usual (such a loop gets no
 * copy).
 *
 * <p>Sites are numbered by their order among the method's array element instructions and among its
 * field instructions, loop heads by the order of their stack map frames, all of which the rewriting
 * pass sees in the same order. Fields the class itself declares final or volatile, and reads
 * {@link CoveredReads} leaves unchecked, get no memo.
 */
final class LoopChecks {
    static final int MAX_MEMOS = 8;
    /** Bytes to clear one memo: {@code aconst_null; astore n}. */
    private static final int CLEAR_BYTES = 3;
    private static final Method NONE = new Method(new BitSet(), new BitSet(), 0, 0, Map.of(), Map.of());
    private final Map<String, Method> byMethod;

    private LoopChecks(Map<String, Method> byMethod) {
        this.byMethod = byMethod;
    }

    /** An array a covered loop's head checks: where to load it from, and whether the loop reads and writes it. */
    record Need(ArrayOrigins.Source source, boolean read, boolean write) {
    }

    /** A covered loop: the ordinal of its head's stack map frame, and the arrays its head checks. */
    record Loop(int frame, List<Need> needs) {
    }

    /** The need of covered loop {@code loopFrame} that an array site's array is. */
    record NeedRef(int loopFrame, int need) {
    }

    /**
     * The plan for one method: which of its array and field sites have memos, the locals they take
     * (from {@code firstLocal}, after every local the method has; the flag after them), its covered
     * loops by head frame ordinal, and for array sites in them, which of their loop's needs the
     * site's array is.
     */
    record Method(BitSet arraySites, BitSet fieldSites, int firstLocal, int count, Map<Integer, Loop> loops,
                  Map<Integer, NeedRef> needOfArraySite) {
        /** The memo's local for array site {@code number}, or -1. */
        int arrayMemo(int number) {
            return arraySites.get(number) ? firstLocal + arraySites.get(0, number).cardinality() : -1;
        }

        /** The memo's local for field site {@code number}, or -1. */
        int fieldMemo(int number) {
            return fieldSites.get(number)
                ? firstLocal + arraySites.cardinality() + fieldSites.get(0, number).cardinality() : -1;
        }

        /** The covered loops' flag, or -1 if the method has none. */
        int flagLocal() {
            return loops.isEmpty() ? -1 : firstLocal + count;
        }

        /** Every local the plan adds. */
        int localsAdded() {
            return count + (loops.isEmpty() ? 0 : 1);
        }
    }

    /** Scans every method of the class read by {@code reader}; {@code coveredReads} as the rewriting will use them. */
    static LoopChecks of(ClassReader reader, CoveredReads coveredReads) {
        Map<String, Method> byMethod = new HashMap<>();
        Set<String> unchecked = new HashSet<>();
        Set<String> finals = new HashSet<>();
        String self = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if ((access & (Opcodes.ACC_FINAL | Opcodes.ACC_VOLATILE)) != 0) {
                    unchecked.add(name);
                }
                if ((access & Opcodes.ACC_FINAL) != 0 && (access & Opcodes.ACC_STATIC) == 0) {
                    finals.add(name);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (name.equals("<clinit>") || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return null;
                }
                // final fields of this class's objects are loop-invariant outside constructors
                Set<String> invariantFields = name.equals("<init>") || (access & Opcodes.ACC_STATIC) != 0
                    ? Set.of() : finals;
                return new Scanner(self, unchecked, invariantFields, coveredReads.of(name, descriptor),
                    method -> byMethod.put(name + descriptor, method));
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.EXPAND_FRAMES);
        return new LoopChecks(byMethod);
    }

    /** The plan of one method; nothing if it has no checks in loops. */
    Method of(String name, String descriptor) {
        return byMethod.getOrDefault(name + descriptor, NONE);
    }

    /** A check site found by the scan: array or field, its number among those, its place; for arrays, the access. */
    private record Site(boolean array, int number, int position, boolean write, ArrayOrigins.Source source) {
    }

    /** One method's instructions: sites, labels, frames, jumps, stores, and what may synchronize. */
    private static final class Scanner extends MethodVisitor {
        private final String self;
        private final Set<String> unchecked;
        private final Set<String> invariantFields;
        private final BitSet coveredReads;
        private final java.util.function.Consumer<Method> result;
        private final ArrayOrigins origins = new ArrayOrigins();
        private final Map<Label, Integer> labels = new IdentityHashMap<>();
        private final Map<Label, Integer> frameOfLabel = new IdentityHashMap<>();
        private final List<Label> unframed = new ArrayList<>();
        /** Jumps as [position, target label]; handlers as their labels. */
        private final List<Object[]> jumps = new ArrayList<>();
        private final Set<Label> handlers = new HashSet<>();
        private final List<int[]> stores = new ArrayList<>();
        private final List<Integer> clearing = new ArrayList<>();
        private final List<Site> sites = new ArrayList<>();
        private int position;
        private int frames;
        private int arrays;
        private int fields;
        private int reads;

        Scanner(String self, Set<String> unchecked, Set<String> invariantFields, BitSet coveredReads,
                java.util.function.Consumer<Method> result) {
            super(Opcodes.ASM9);
            this.self = self;
            this.unchecked = unchecked;
            this.invariantFields = invariantFields;
            this.coveredReads = coveredReads;
            this.result = result;
        }

        @Override
        public void visitLabel(Label label) {
            labels.put(label, position);
            unframed.add(label);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            for (Label label : unframed) {
                frameOfLabel.put(label, frames);
            }
            unframed.clear();
            frames++;
            origins.frame(type, numLocal, local, numStack, stack);
        }

        /** Every instruction: labels before it that no frame followed are not loop heads. */
        private void instruction() {
            unframed.clear();
            position++;
        }

        @Override
        public void visitInsn(int opcode) {
            instruction();
            boolean load = opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD;
            boolean store = opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE;
            if (load || store) {
                ArrayOrigins.Origin array = load ? origins.loadedArray()
                    : origins.storedArray(opcode == Opcodes.LASTORE || opcode == Opcodes.DASTORE);
                sites.add(new Site(true, arrays++, position, store, array == null ? null : array.source));
            } else if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                clearing.add(position);
                clearing.add(position); // and its hook
            }
            origins.insn(opcode);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            instruction();
            boolean covered = opcode == Opcodes.GETFIELD && coveredReads.get(reads++);
            boolean own = owner.equals(self);
            int number = fields++;
            if (!covered && !(own && unchecked.contains(name))) {
                sites.add(new Site(false, number, position, false, null));
            }
            boolean isStatic = opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC;
            if ((isStatic && !own) || (opcode == Opcodes.PUTFIELD && (!own || unchecked.contains(name)))) {
                clearing.add(position); // may initialize a class, or write a volatile (a release)
            }
            String qualified = owner.replace('/', '.') + "." + name;
            origins.fieldInsn(opcode, owner, name, descriptor, qualified);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            instruction();
            if (!PureCalls.isPure(opcode, owner, name)) {
                clearing.add(position);
            }
            origins.methodInsn(opcode, descriptor);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            instruction();
            clearing.add(position);
            origins.invokeDynamicInsn(descriptor);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            instruction();
            if (opcode == Opcodes.NEW && !type.equals(self)) {
                clearing.add(position);
            }
            origins.typeInsn(opcode, type);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            instruction();
            jumps.add(new Object[] {position, label});
            origins.jumpInsn(opcode);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
            instruction();
            jumps.add(new Object[] {position, dflt});
            for (Label target : targets) {
                jumps.add(new Object[] {position, target});
            }
            origins.switchInsn();
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
            visitTableSwitchInsn(0, 0, dflt, targets);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            handlers.add(handler);
            clearing.add(-1); // the handler's clearing (counted for the size budget only)
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            instruction();
            if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                stores.add(new int[] {position, varIndex});
            }
            origins.varInsn(opcode, varIndex);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            instruction();
            origins.intInsn(opcode, operand);
        }

        @Override
        public void visitLdcInsn(Object value) {
            instruction();
            origins.ldcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            instruction();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            instruction();
            origins.multiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            List<int[]> loops = loops();
            List<Site> inLoops = new ArrayList<>();
            for (Site site : sites) {
                if (depth(site, loops) > 0) {
                    inLoops.add(site);
                }
            }
            if (inLoops.isEmpty()) {
                return;
            }
            inLoops.sort((a, b) -> depth(b, loops) != depth(a, loops) ? depth(b, loops) - depth(a, loops)
                : a.position - b.position);
            // each memo is set up once and cleared at each clearing instruction: at most about the
            // method's own size in bytes (two per instruction) is added
            int affordable = Math.max(256, 2 * position) / ((clearing.size() + 1) * CLEAR_BYTES);
            int count = Math.min(inLoops.size(), Math.min(MAX_MEMOS, Math.max(1, affordable)));
            BitSet arraySites = new BitSet();
            BitSet fieldSites = new BitSet();
            List<Site> memoized = inLoops.subList(0, count);
            for (Site site : memoized) {
                (site.array ? arraySites : fieldSites).set(site.number);
            }
            Map<Integer, Loop> covered = new HashMap<>();
            Map<Integer, NeedRef> needOfArraySite = new HashMap<>();
            for (int[] loop : coveredLoops(loops)) {
                plan(loop, memoized, covered, needOfArraySite);
            }
            result.accept(new Method(arraySites, fieldSites, maxLocals, count, covered, needOfArraySite));
        }

        /**
         * Loops as [head position, last back edge's position, head frame ordinal], one per head. A
         * label's position is that of the instruction before it: a jump goes back if its target's
         * is smaller than its own (a switch's first case, right after it, is no loop).
         */
        private List<int[]> loops() {
            Map<Label, int[]> byHead = new LinkedHashMap<>();
            for (Object[] jump : jumps) {
                int at = (Integer) jump[0];
                Label target = (Label) jump[1];
                Integer head = labels.get(target);
                if (head != null && head < at) {
                    Integer frame = frameOfLabel.get(target);
                    int[] loop = byHead.computeIfAbsent(target, t -> new int[] {head, at, frame == null ? -1 : frame});
                    loop[1] = Math.max(loop[1], at);
                }
            }
            return new ArrayList<>(byHead.values());
        }

        private static int depth(Site site, List<int[]> loops) {
            int depth = 0;
            for (int[] loop : loops) {
                if (contains(loop, site.position)) {
                    depth++;
                }
            }
            return depth;
        }

        private static boolean contains(int[] loop, int position) {
            return position > loop[0] && position <= loop[1];
        }

        /** The loops a head check can cover: entered only through their head, nothing inside that may synchronize, innermost. */
        private List<int[]> coveredLoops(List<int[]> loops) {
            List<int[]> candidates = new ArrayList<>();
            for (int[] loop : loops) {
                if (loop[2] >= 0 && enteredOnlyAtHead(loop) && !synchronizesInside(loop)) {
                    candidates.add(loop);
                }
            }
            List<int[]> innermost = new ArrayList<>();
            for (int[] loop : candidates) {
                boolean containsAnother = false;
                for (int[] other : candidates) {
                    containsAnother |= other != loop && other[0] >= loop[0] && other[1] <= loop[1];
                }
                if (!containsAnother) {
                    innermost.add(loop);
                }
            }
            return innermost;
        }

        private boolean enteredOnlyAtHead(int[] loop) {
            for (Object[] jump : jumps) {
                int at = (Integer) jump[0];
                Integer target = labels.get((Label) jump[1]);
                boolean fromOutside = at < loop[0] || at > loop[1];
                if (fromOutside && target != null && target > loop[0] && target <= loop[1]) {
                    return false;
                }
            }
            for (Label handler : handlers) {
                Integer at = labels.get(handler);
                if (at != null && at >= loop[0] && at <= loop[1]) {
                    return false;
                }
            }
            return true;
        }

        private boolean synchronizesInside(int[] loop) {
            for (int at : clearing) {
                if (contains(loop, at)) {
                    return true;
                }
            }
            return false;
        }

        /** The needs of one covered loop, from its memoized array sites whose arrays come from a source the loop keeps. */
        private void plan(int[] loop, List<Site> memoized, Map<Integer, Loop> covered,
                          Map<Integer, NeedRef> needOfArraySite) {
            Map<ArrayOrigins.Source, boolean[]> kinds = new LinkedHashMap<>();
            List<Site> flagged = new ArrayList<>();
            for (Site site : memoized) {
                if (site.array && contains(loop, site.position) && site.source != null && keeps(loop, site.source)) {
                    boolean[] kind = kinds.computeIfAbsent(site.source, s -> new boolean[2]);
                    kind[site.write ? 1 : 0] = true;
                    flagged.add(site);
                }
            }
            if (flagged.isEmpty()) {
                return;
            }
            List<ArrayOrigins.Source> order = new ArrayList<>(kinds.keySet());
            List<Need> needs = new ArrayList<>();
            for (ArrayOrigins.Source source : order) {
                boolean[] kind = kinds.get(source);
                needs.add(new Need(source, kind[0], kind[1]));
            }
            covered.put(loop[2], new Loop(loop[2], needs));
            for (Site site : flagged) {
                needOfArraySite.put(site.number, new NeedRef(loop[2], order.indexOf(site.source)));
            }
        }

        /**
         * Whether the loop keeps what the source loads: no instruction of the loop stores its local,
         * and a field is a final one of this class (outside constructors).
         */
        private boolean keeps(int[] loop, ArrayOrigins.Source source) {
            if (source.isField() && !(source.owner().equals(self) && invariantFields.contains(source.name()))) {
                return false;
            }
            for (int[] store : stores) {
                if (store[1] == source.local() && contains(loop, store[0])) {
                    return false;
                }
            }
            return true;
        }
    }
}
