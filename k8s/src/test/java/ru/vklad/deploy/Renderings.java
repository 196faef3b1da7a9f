package ru.vklad.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.marcnuri.helm.Helm;

/**
 * Every way Vklad is deployed, rendered the way DevOps render it: the Helm chart with its default and production
 * values (the real Helm through helm-java) and the kustomize overlays (the real {@code kubectl kustomize}).
 * Renderings are cached for the test run: each is pure.
 */
final class Renderings {

    static final String RELEASE = "vklad";
    /** Method source of the parameterised rule tests: every rendering. */
    static final String ALL = "ru.vklad.deploy.Renderings#all";
    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

    private Renderings() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("vklad.project.dir", "..")).toAbsolutePath().normalize();
    }

    static Path chart() {
        return projectDir().resolve("k8s/helm/vklad");
    }

    static Path k8s() {
        return projectDir().resolve("k8s");
    }

    /** Names of every rendering the rules are checked on. */
    static List<String> all() {
        return List.of("helm:default", "helm:prod", "kustomize:dev", "kustomize:prod");
    }

    static Manifests get(String name) {
        return CACHE.computeIfAbsent(name, Renderings::render);
    }

    private static Manifests render(String name) {
        try {
            return switch (name) {
                case "helm:default" -> Manifests.parse(name, helmTemplate());
                case "helm:prod" -> Manifests.parse(name,
                        helm().withValuesFile(chart().resolve("values-prod.yaml")).call());
                case "kustomize:dev" -> Manifests.parse(name, kustomize("overlays/dev"));
                case "kustomize:prod" -> Manifests.parse(name, kustomize("overlays/prod"));
                default -> throw new IllegalArgumentException("unknown rendering " + name);
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot render " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String BASE_HEADER = """
            # Generated from the Helm chart k8s/helm/vklad with its default values: do not edit.
            # Regenerate: ./mvnw -pl k8s verify -Dvklad.k8s.write-base=true
            """;
    private static boolean baseWritten;

    /** The kustomize base as the chart gives it now: a header, then the chart rendered with its defaults. */
    static String expectedBase() {
        return BASE_HEADER + helm().set("managedBy", "kustomize").call();
    }

    /** With {@code -Dvklad.k8s.write-base=true}, rewrites k8s/base/vklad.yaml from the chart, once per run. */
    static synchronized void writeBaseIfAsked() throws IOException {
        if (Boolean.getBoolean("vklad.k8s.write-base") && !baseWritten) {
            Files.writeString(k8s().resolve("base/vklad.yaml"), expectedBase(), StandardCharsets.UTF_8);
            baseWritten = true;
        }
    }

    private static String kustomize(String overlay) throws IOException, InterruptedException {
        writeBaseIfAsked();
        return Kubectl.kustomize(k8s().resolve(overlay));
    }

    /** {@code helm template vklad k8s/helm/vklad} with the default values. */
    static String helmTemplate() {
        return helm().call();
    }

    private static com.marcnuri.helm.TemplateCommand helm() {
        return new Helm(chart()).template().withName(RELEASE);
    }
}
