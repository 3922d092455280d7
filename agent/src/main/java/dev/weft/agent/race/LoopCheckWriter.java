package dev.weft.agent.race;

import dev.weft.agent.instrument.Bytecode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Emits one method's part of a {@link LoopChecks} plan, for {@link RaceCheckVisitor}: the memos and
 * the covered loops' flag (locals past all of the method's own, declared in every stack map frame,
 * set up at the start), their clearing, the head checks of covered loops with their back edges
 * moved past them (the label there is handed to {@link LoopVersions}), and the memo variants of
 * the check hooks.
 *
 * <p>Memos and the flag are cleared after every instruction that may end the thread's epoch or run
 * code that does — calls (but weft's own {@code objectCall}, a check that synchronizes nothing,
 * and {@link PureCalls}), monitor instructions, volatile accesses, {@code new} and static field accesses of other classes
 * (class initialization) — and at the start of exception handlers (the epoch may have ended in a
 * call that threw). A clearing right after another, with no label or memo check between, is left out.
 */
final class LoopCheckWriter {
    private static final String OBJECT = "java/lang/Object";
    private final MethodVisitor out;
    private final LoopChecks.Method plan;
    /** The pass that versions the covered loops whose head checks are written here, or null. */
    private final LoopVersions versions;
    private final Set<Label> handlers = new HashSet<>();
    /** Labels since the last instruction: at a covered loop's head frame, the head. */
    private final List<Label> labels = new ArrayList<>();
    /** Covered loops' heads, to the label past their head check that back edges jump to instead. */
    private final Map<Label, Label> pastHead = new IdentityHashMap<>();
    /** Whether a memo or the flag may be set here: false right after clearing, until a label or a memo check. */
    private boolean maybeSet = true;
    private boolean atHandler;
    private int frames;
    /** The head frame of the loop whose head check was written last, and which of its needs it checks (their locals fit). */
    private int checkedLoop = -1;
    private boolean[] checkedNeeds;

    LoopCheckWriter(MethodVisitor out, LoopChecks.Method plan, LoopVersions versions) {
        this.out = out;
        this.plan = plan;
        this.versions = versions;
    }

    /** At the start of the code: memos null, flag clear. */
    void start() {
        maybeSet = true;
        clear();
    }

    /** Clears every memo and the flag, unless none can be set here. */
    void clear() {
        if (!maybeSet) {
            return;
        }
        for (int i = 0; i < plan.count(); i++) {
            out.visitInsn(Opcodes.ACONST_NULL);
            out.visitVarInsn(Opcodes.ASTORE, plan.firstLocal() + i);
        }
        if (plan.flagLocal() >= 0) {
            out.visitInsn(Opcodes.ICONST_0);
            out.visitVarInsn(Opcodes.ISTORE, plan.flagLocal());
        }
        maybeSet = false;
    }

    /** After a call to {@code owner.name}: unless it cannot synchronize, the epoch may have ended. */
    void called(int opcode, String owner, String name) {
        boolean check = owner.equals(Bytecode.HOOKS) && name.equals("objectCall");
        if (!check && !PureCalls.isPure(opcode, owner, name)) {
            clear();
        }
    }

    void tryCatchBlock(Label handler) {
        handlers.add(handler);
    }

    /** A label was visited: maybe a branch target (memos unknown), a handler, a loop head. */
    void label(Label label) {
        maybeSet = true;
        atHandler = handlers.contains(label);
        labels.add(label);
    }

    /** An instruction of the method's own follows: the labels before it are behind. */
    void instruction() {
        labels.clear();
    }

    /** Where a jump to {@code target} goes: past the head check if it is a covered loop's head. */
    Label target(Label target) {
        return pastHead.getOrDefault(target, target);
    }

    Label[] targets(Label[] targets) {
        Label[] moved = targets.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] = target(moved[i]);
        }
        return moved;
    }

    /**
     * Writes a stack map frame with the memos and the flag in it; at a handler, clears them; at a
     * covered loop's head, writes its head check and a second label and frame past it.
     */
    void frame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        int ordinal = frames++;
        if (plan.localsAdded() == 0) {
            out.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        Object[] locals = withAdded(numLocal, local);
        out.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
        if (atHandler) {
            clear();
            return;
        }
        LoopChecks.Loop loop = plan.loops().get(ordinal);
        if (loop != null && headCheck(loop, numLocal, local)) {
            Label past = new Label();
            for (Label head : labels) {
                pastHead.put(head, past);
            }
            out.visitLabel(past);
            out.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
            if (versions != null) {
                versions.headChecked(past, plan.flagLocal());
            }
        }
    }

    /**
     * {@code flag = 1 & Hooks.arrayCovered(..) & ..}, one query per need whose local the frame at
     * the head types as the plan expects; false (nothing written) if none does.
     */
    private boolean headCheck(LoopChecks.Loop loop, int numLocal, Object[] local) {
        List<LoopChecks.Need> needs = loop.needs();
        checkedLoop = loop.frame();
        checkedNeeds = new boolean[needs.size()];
        boolean any = false;
        for (int i = 0; i < needs.size(); i++) {
            LoopChecks.Need need = needs.get(i);
            Object type = typeOf(need.source().local(), numLocal, local);
            checkedNeeds[i] = need.source().isField() ? type instanceof String && !((String) type).startsWith("[")
                : type == Opcodes.NULL || (type instanceof String && ((String) type).startsWith("["));
            any |= checkedNeeds[i];
        }
        if (!any) {
            return false;
        }
        out.visitInsn(Opcodes.ICONST_1);
        for (int i = 0; i < needs.size(); i++) {
            if (checkedNeeds[i]) {
                LoopChecks.Need need = needs.get(i);
                out.visitVarInsn(Opcodes.ALOAD, need.source().local());
                if (need.source().isField()) {
                    out.visitFieldInsn(Opcodes.GETFIELD, need.source().owner(), need.source().name(),
                        need.source().descriptor());
                }
                Bytecode.pushInt(out, (need.read() ? 1 : 0) | (need.write() ? 2 : 0));
                Bytecode.callHook(out, "arrayCovered", "(ILjava/lang/Object;I)I");
            }
        }
        out.visitVarInsn(Opcodes.ISTORE, plan.flagLocal());
        maybeSet = true;
        return true;
    }

    /** The type an expanded frame gives local {@code slot}, or TOP. */
    private static Object typeOf(int slot, int numLocal, Object[] local) {
        int at = 0;
        for (int i = 0; i < numLocal; i++) {
            if (at == slot) {
                return local[i];
            }
            at += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        return Opcodes.TOP;
    }

    /**
     * A frame's locals (expanded: the rewriting asks the reader for {@code EXPAND_FRAMES}) with the
     * memos and the flag appended, after unusable slots up to the first memo's.
     */
    private Object[] withAdded(int numLocal, Object[] local) {
        List<Object> locals = new ArrayList<>(Arrays.asList(local).subList(0, numLocal));
        int slots = 0;
        for (Object type : locals) {
            slots += type == Opcodes.LONG || type == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slots < plan.firstLocal(); slots++) {
            locals.add(Opcodes.TOP);
        }
        for (int i = 0; i < plan.count(); i++) {
            locals.add(OBJECT);
        }
        if (plan.flagLocal() >= 0) {
            locals.add(Opcodes.INTEGER);
        }
        return locals.toArray();
    }

    /**
     * Calls check hook {@code name} (arguments on the stack as {@code descriptor} says), or its memo
     * variant if the site has a memo — with the flag too if it is array site {@code arraySite} of
     * the covered loop being written and that loop's head checks its array. ({@link LoopVersions}
     * leaves a flagged check out of a loop's unchecked copy by the exact instructions written
     * here and by {@link RaceCheckVisitor}.)
     */
    void checkHook(String name, String descriptor, int memo, int arraySite) {
        if (memo < 0) {
            Bytecode.callHook(out, name, descriptor);
            return;
        }
        out.visitVarInsn(Opcodes.ALOAD, memo);
        LoopChecks.NeedRef need = arraySite < 0 ? null : plan.needOfArraySite().get(arraySite);
        String returning = "Ljava/lang/Object;)Ljava/lang/Object;";
        if (need != null && need.loopFrame() == checkedLoop && checkedNeeds[need.need()]) {
            out.visitVarInsn(Opcodes.ILOAD, plan.flagLocal());
            returning = "Ljava/lang/Object;I)Ljava/lang/Object;";
        }
        Bytecode.callHook(out, name, descriptor.replace(")V", returning));
        out.visitVarInsn(Opcodes.ASTORE, memo);
        maybeSet = true;
    }

    /** The locals the method needs at least, with the plan's. */
    int maxLocals(int maxLocals) {
        return Math.max(maxLocals, plan.firstLocal() + plan.localsAdded());
    }
}
