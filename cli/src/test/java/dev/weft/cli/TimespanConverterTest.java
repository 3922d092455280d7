package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class TimespanConverterTest {
    private final TimespanConverter converter = new TimespanConverter();

    @Test
    void givesTheAgentsNotation() {
        assertThat(converter.convert("30s")).isEqualTo("30s");
        assertThat(converter.convert(" 500 MS ")).isEqualTo("500ms");
        assertThat(converter.convert("02m")).isEqualTo("2m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "1.5s", "-1s", "0s", "10 minutes"})
    void rejectsWhatTheAgentWouldIgnore(String value) {
        assertThatThrownBy(() -> converter.convert(value))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("expected a time span such as 30s, 500ms or 2m but was '" + value + "'");
    }
}
