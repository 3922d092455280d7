package dev.weft.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.cli.report.Gate;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {
    @Test
    void defaultsToTheGateOfWeftAnalyzeAndTheTemporaryDirectory() {
        CheckSettings settings = CheckSettings.from(name -> Optional.empty());

        assertThat(settings.failOn()).isEqualTo(Gate.ERROR);
        assertThat(settings.baseline()).isNull();
        assertThat(settings.recordings()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "weft-junit"));
    }

    @Test
    void readsTheParameters() {
        Map<String, String> parameters = Map.of("weft.failOn", " Warning ", "weft.baseline", "weft-baseline.json",
            "weft.recordings", "target/weft");

        CheckSettings settings = CheckSettings.from(name -> Optional.ofNullable(parameters.get(name)));

        assertThat(settings).isEqualTo(new CheckSettings(Gate.WARNING, Path.of("weft-baseline.json"),
            Path.of("target/weft")));
    }

    @Test
    void aGateWithATypoIsAnError() {
        assertThatThrownBy(() -> CheckSettings.from(name -> Optional.of("warnings").filter(v -> name.equals("weft.failOn"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("weft.failOn='warnings' is not one of error, warning, info, never");
    }
}
