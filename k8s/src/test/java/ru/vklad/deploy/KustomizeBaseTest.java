package ru.vklad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/**
 * One source of truth: the kustomize base is the Helm chart rendered with its defaults. This test fails when the
 * committed base differs from the chart; {@code -Dvklad.k8s.write-base=true} rewrites it instead.
 */
class KustomizeBaseTest {

    @Test
    void baseIsTheChartRenderedWithDefaultValues() throws Exception {
        Renderings.writeBaseIfAsked();
        assertThat(Files.readString(Renderings.k8s().resolve("base/vklad.yaml"), StandardCharsets.UTF_8))
                .as("k8s/base/vklad.yaml is out of date with the chart; regenerate it (see its header)")
                .isEqualTo(Renderings.expectedBase());
    }
}
