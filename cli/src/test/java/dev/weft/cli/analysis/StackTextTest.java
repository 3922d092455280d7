package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Frame;
import org.junit.jupiter.api.Test;

class StackTextTest {
    @Test
    void readsOneFrameALine() {
        assertThat(StackText.parse("com.acme.Bank.transfer(Bank.java:42)\njava.lang.Thread.run(Thread.java:840)\n"))
                .containsExactly(new Frame("com.acme.Bank", "transfer", 42), new Frame("java.lang.Thread", "run", 840));
    }

    @Test
    void toleratesWhatStackTracesAndThreadDumpsAdd() {
        String dump = String.join("\r\n",
                "\tat java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "\t- parking to wait for  <0x000000062a82e2c8> (a java.util.concurrent.locks.ReentrantLock)",
                "\tat app//com.acme.Bank$Account.lock(Unknown Source)",
                "\tat com.acme.Bank$$Lambda$14/0x0000000800c03000.run(Unknown Source)",
                "\tat com.acme.Bank.lambda$main$0(Bank.java)",
                "not a frame at all",
                "");

        assertThat(StackText.parse(dump)).containsExactly(
                new Frame("jdk.internal.misc.Unsafe", "park", Frame.UNKNOWN_LINE),
                new Frame("com.acme.Bank$Account", "lock", Frame.UNKNOWN_LINE),
                new Frame("com.acme.Bank", "lambda$main$0", Frame.UNKNOWN_LINE));
    }

    @Test
    void nothingIsNoFrames() {
        assertThat(StackText.parse(null)).isEmpty();
        assertThat(StackText.parse("  ")).isEmpty();
    }
}
