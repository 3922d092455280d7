package dev.weft.agent.instrument;

import static dev.weft.agent.instrument.ComparisonFences.isComparison;
import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class ComparisonFencesTest {
    private static final String SKIP_LIST = "java/util/concurrent/ConcurrentSkipListMap";
    private static final String CPR = "(Ljava/util/Comparator;Ljava/lang/Object;Ljava/lang/Object;)I";

    @Test
    void theElementsComparisonsAreFenced() {
        assertThat(isComparison(SKIP_LIST, Opcodes.INVOKEVIRTUAL, "java/lang/Object", "equals", "(Ljava/lang/Object;)Z"))
            .isTrue();
        assertThat(isComparison(SKIP_LIST, Opcodes.INVOKEINTERFACE, "java/lang/Comparable", "compareTo",
            "(Ljava/lang/Object;)I")).isTrue();
        assertThat(isComparison(SKIP_LIST, Opcodes.INVOKEINTERFACE, "java/util/Comparator", "compare",
            "(Ljava/lang/Object;Ljava/lang/Object;)I")).isTrue();
        assertThat(isComparison(SKIP_LIST, Opcodes.INVOKESTATIC, "java/util/Objects", "equals",
            "(Ljava/lang/Object;Ljava/lang/Object;)Z")).isTrue();
        assertThat(isComparison(SKIP_LIST, Opcodes.INVOKESTATIC, SKIP_LIST, "cpr", CPR)).isTrue();
    }

    @Test
    void aConcurrentHashMapsCallsIntoItsTreeBinsAndForwardingNodesAreFenced() {
        String map = "java/util/concurrent/ConcurrentHashMap";
        String node = "(ILjava/lang/Object;)Ljava/util/concurrent/ConcurrentHashMap$Node;";
        assertThat(isComparison(map, Opcodes.INVOKEVIRTUAL, map + "$Node", "find", node)).isTrue();
        assertThat(isComparison(map, Opcodes.INVOKEVIRTUAL, map + "$TreeBin", "putTreeVal",
            "(ILjava/lang/Object;Ljava/lang/Object;)Ljava/util/concurrent/ConcurrentHashMap$TreeNode;")).isTrue();
        assertThat(isComparison(map, Opcodes.INVOKESPECIAL, map + "$TreeBin", "<init>",
            "(Ljava/util/concurrent/ConcurrentHashMap$TreeNode;)V")).isTrue();
        assertThat(isComparison(map, Opcodes.INVOKESPECIAL, map + "$Node", "<init>",
            "(ILjava/lang/Object;Ljava/lang/Object;)V")).as("a plain node compares nothing").isFalse();
    }

    @Test
    void otherCallsAreNot() {
        assertThat(isComparison("java/util/concurrent/ConcurrentHashMap", Opcodes.INVOKESTATIC, SKIP_LIST, "cpr", CPR))
            .isFalse();
        assertThat(isComparison(SKIP_LIST, Opcodes.INVOKEVIRTUAL, "java/lang/Object", "hashCode", "()I")).isFalse();
        assertThat(isComparison(SKIP_LIST, Opcodes.INVOKESPECIAL, "java/lang/Object", "equals", "(Ljava/lang/Object;)Z"))
            .isFalse();
        assertThat(isComparison("java/util/concurrent/ConcurrentHashMap", Opcodes.INVOKESTATIC,
            "java/util/concurrent/ConcurrentHashMap", "tabAt",
            "([Ljava/util/concurrent/ConcurrentHashMap$Node;I)Ljava/util/concurrent/ConcurrentHashMap$Node;")).isFalse();
    }
}
