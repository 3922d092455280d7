package dev.weft.junit;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class RunningRecordingTest {
    @Test
    void findsTheRunningRecordingNamedWeftOnly() {
        try (Recording other = new Recording(); Recording weft = new Recording()) {
            other.setName("not-weft");
            other.start();
            assertThat(RunningRecording.find()).isEmpty();

            weft.setName(RunningRecording.NAME);
            weft.start();
            assertThat(RunningRecording.find()).containsSame(weft);

            weft.stop();
            assertThat(RunningRecording.find()).isEmpty();
        }
    }
}
