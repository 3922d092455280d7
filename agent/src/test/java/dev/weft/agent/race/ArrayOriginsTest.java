package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/** Which array an element instruction works on, followed as javac's bytecode moves references about. */
class ArrayOriginsTest {
    private final ArrayOrigins origins = new ArrayOrigins();

    @Test
    void theArrayOfAStoreIsTheOneLoadedFirstNotTheLastFieldRead() {
        // a[i] = b[i];
        origins.varInsn(Opcodes.ALOAD, 0);
        origins.fieldInsn(Opcodes.GETFIELD, "com/acme/Foo", "a", "[I", "com.acme.Foo.a");
        origins.varInsn(Opcodes.ILOAD, 1);
        origins.varInsn(Opcodes.ALOAD, 0);
        origins.fieldInsn(Opcodes.GETFIELD, "com/acme/Foo", "b", "[I", "com.acme.Foo.b");
        origins.varInsn(Opcodes.ILOAD, 1);

        assertThat(origins.loadedArray().name).isEqualTo("com.acme.Foo.b");
        origins.insn(Opcodes.IALOAD);
        assertThat(origins.storedArray(false).name).isEqualTo("com.acme.Foo.a");
    }

    @Test
    void aCompoundAssignmentsLoadIsToldFromAPlainLoad() {
        origins.varInsn(Opcodes.ALOAD, 1);
        origins.varInsn(Opcodes.ILOAD, 2);
        assertThat(origins.loadBeforeStoreToSameElement()).isFalse();
        origins.insn(Opcodes.DUP2);
        assertThat(origins.loadBeforeStoreToSameElement()).as("counts[k]++").isTrue();
        origins.insn(Opcodes.IALOAD);
        assertThat(origins.loadBeforeStoreToSameElement()).isFalse();
    }

    @Test
    void anArrayKeptInALocalKeepsItsName() {
        // long[] t = this.totals; ... t[i] += 1L;
        origins.varInsn(Opcodes.ALOAD, 0);
        origins.fieldInsn(Opcodes.GETFIELD, "com/acme/Foo", "totals", "[J", "com.acme.Foo.totals");
        origins.varInsn(Opcodes.ASTORE, 2);
        origins.varInsn(Opcodes.ALOAD, 2);
        origins.varInsn(Opcodes.ILOAD, 1);
        origins.insn(Opcodes.DUP2);
        origins.insn(Opcodes.LALOAD);
        origins.insn(Opcodes.LCONST_1);
        origins.insn(Opcodes.LADD);

        assertThat(origins.storedArray(true).name).isEqualTo("com.acme.Foo.totals");
    }

    @Test
    void aLoopHeadFrameKeepsALocalOfTheSameArrayType() {
        origins.fieldInsn(Opcodes.GETSTATIC, "com/acme/Foo", "weights", "[D", "com.acme.Foo.weights");
        origins.varInsn(Opcodes.ASTORE, 1);
        origins.frame(Opcodes.F_NEW, 3, new Object[] {"com/acme/Foo", "[D", Opcodes.INTEGER}, 0, new Object[0]);
        origins.varInsn(Opcodes.ALOAD, 1);
        origins.varInsn(Opcodes.ILOAD, 2);

        assertThat(origins.loadedArray().name).isEqualTo("com.acme.Foo.weights");
    }

    @Test
    void aFrameThatGivesTheLocalAnotherTypeForgetsIt() {
        origins.fieldInsn(Opcodes.GETSTATIC, "com/acme/Foo", "weights", "[D", "com.acme.Foo.weights");
        origins.varInsn(Opcodes.ASTORE, 1);
        origins.frame(Opcodes.F_NEW, 2, new Object[] {"com/acme/Foo", "java/lang/Object"}, 0, new Object[0]);
        origins.varInsn(Opcodes.ALOAD, 1);
        origins.varInsn(Opcodes.ILOAD, 2);

        assertThat(origins.loadedArray().name).isNull();
    }

    @Test
    void aReferenceRemembersTheLocalOrTheFieldOfALocalItWasLoadedFrom() {
        origins.varInsn(Opcodes.ALOAD, 3);
        origins.varInsn(Opcodes.ILOAD, 2);
        assertThat(origins.loadedArray().source).isEqualTo(ArrayOrigins.Source.local(3));
        origins.insn(Opcodes.POP2);

        origins.varInsn(Opcodes.ALOAD, 0);
        origins.fieldInsn(Opcodes.GETFIELD, "com/acme/Foo", "data", "[I", "com.acme.Foo.data");
        origins.varInsn(Opcodes.ILOAD, 2);
        assertThat(origins.loadedArray().source).isEqualTo(new ArrayOrigins.Source(0, "com/acme/Foo", "data", "[I"));
        origins.insn(Opcodes.POP2);

        origins.methodInsn(Opcodes.INVOKESTATIC, "()[I");
        origins.varInsn(Opcodes.ILOAD, 2);
        assertThat(origins.loadedArray()).as("a call's result has no source").isNull();
    }

    @Test
    void aRowOfATwoDimensionalArrayIsNamedAfterIt() {
        // grid[i][j]
        origins.varInsn(Opcodes.ALOAD, 0);
        origins.fieldInsn(Opcodes.GETFIELD, "com/acme/Foo", "grid", "[[I", "com.acme.Foo.grid");
        origins.varInsn(Opcodes.ILOAD, 1);
        origins.insn(Opcodes.AALOAD);
        origins.varInsn(Opcodes.ILOAD, 2);

        assertThat(origins.loadedArray().name).isEqualTo("com.acme.Foo.grid[]");
        assertThat(origins.loadedArray().descriptor).isEqualTo("[I");
    }

    @Test
    void anArrayInitializerIsFreshUntilItIsStoredOrPassed() {
        // new Object[] {x}: anewarray, dup, iconst_0, aload x, aastore
        origins.insn(Opcodes.ICONST_1);
        origins.typeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        origins.insn(Opcodes.DUP);
        origins.insn(Opcodes.ICONST_0);
        origins.varInsn(Opcodes.ALOAD, 1);
        assertThat(origins.storedArray(false).fresh).isTrue();
        origins.insn(Opcodes.AASTORE);

        origins.insn(Opcodes.DUP);
        origins.methodInsn(Opcodes.INVOKESTATIC, "(Ljava/lang/Object;)V"); // one copy escapes
        origins.insn(Opcodes.ICONST_0);
        origins.varInsn(Opcodes.ALOAD, 1);
        assertThat(origins.storedArray(false).fresh).as("the other copy is shared now").isFalse();
    }

    @Test
    void anArrayFromAParameterOrCallHasNoName() {
        origins.varInsn(Opcodes.ALOAD, 1);
        origins.varInsn(Opcodes.ILOAD, 2);
        assertThat(origins.loadedArray().name).isNull();

        origins.insn(Opcodes.POP2);
        origins.methodInsn(Opcodes.INVOKESTATIC, "()[I");
        origins.insn(Opcodes.ICONST_0);
        assertThat(origins.loadedArray()).isNull();
    }
}
