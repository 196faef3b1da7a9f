package ru.vklad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * One source of truth: the kustomize base is the Helm chart rendered with its defaults. This test fails when the
 * committed base differs from the chart; {@code -Dvklad.k8s.write-base=true} rewrites it instead.
 */
class KustomizeBaseTest {

    static final String HEADER = """
            # Generated from the Helm chart k8s/helm/vklad with its default values: do not edit.
            # Regenerate: ./mvnw -pl k8s verify -Dvklad.k8s.write-base=true
            """;

    @Test
    void baseIsTheChartRenderedWithDefaultValues() throws Exception {
        Path base = Renderings.k8s().resolve("base/vklad.yaml");
        String expected = HEADER + Renderings.kustomizeBase();
        if (Boolean.getBoolean("vklad.k8s.write-base")) {
            Files.writeString(base, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(base, StandardCharsets.UTF_8))
                .as("k8s/base/vklad.yaml is out of date with the chart; regenerate it (see its header)")
                .isEqualTo(expected);
    }
}
