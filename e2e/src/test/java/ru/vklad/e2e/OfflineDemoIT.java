package ru.vklad.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ru.vklad.devstack.Leftovers;

/**
 * The README's first command, as run-local.sh runs it after its build: the whole system comes up from nothing with
 * its own Kafka, PostgreSQL and Keycloak (on free ports, so the build's servers are not touched), plays the demo
 * (the VK samples and a generated week), prints what a newcomer needs to see, and stops everything when it is
 * interrupted, as Ctrl-C does.
 */
class OfflineDemoIT {

    @Test
    void theDemoShowsTheWeekAndStopsEverythingWhenInterrupted() throws Exception {
        Path project = Path.of(System.getProperty("vklad.project.dir", "..")).toAbsolutePath().normalize();
        Path state = project.resolve("e2e/target/offline-demo");
        Leftovers.kill(state);
        String classpath = project.resolve("devstack/target/classes") + ":"
                + Files.readString(project.resolve("devstack/target/classes/devstack.classpath")).trim();
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", Leftovers.marker(state), "-cp", classpath, "ru.vklad.devstack.DevStack",
                "up", "--ephemeral-ports", "--project-dir=" + project, "--state-dir=" + state,
                "--owner-pid=" + ProcessHandle.current().pid())
                .redirectErrorStream(true).start();
        StringBuilder console = new StringBuilder();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (console) {
                        console.append(line).append('\n');
                    }
                    if (line.startsWith("Press Ctrl-C")) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        try {
            boolean played = ready.get(12, TimeUnit.MINUTES);
            String out;
            synchronized (console) {
                out = console.toString();
            }
            Files.writeString(project.resolve("e2e/target/offline-demo-console.txt"), out);
            assertThat(played).as(out).isTrue();

            assertThat(out).contains("247 employees registered through the gateway as hr.admin")
                    .contains("(100%)").containsPattern("\\d+ × 200 ok").contains("× 403 refused")
                    .contains("Leaders of the week").contains("Departments this week:")
                    .contains("Ideas waiting for HR:").contains("/q/swagger-ui").contains("hr.admin   / demo-hr-admin");
            assertThat(section(out, "Leaders of the week")).as(out).hasSizeGreaterThanOrEqualTo(10);
            // Six departments of the week, each with members and points, and the sample members' own ones.
            assertThat(section(out, "Departments this week:").stream().filter(line -> line.matches(
                    " +\\S+ +[1-9]\\d* +[1-9]\\d* +\\d+% +[1-9]\\d* +\\d+\\.\\d")).count()).as(out)
                    .isGreaterThanOrEqualTo(6);
            assertThat(number(out, "eNPS \\(poll .*\\n +overall +([+-]\\d+\\.\\d)")).as(out).isNotNull();
            assertThat(out).containsPattern("HR +not shown, to keep answers anonymous");
            assertThat(Integer.parseInt(number(out, "Awards held for HR \\(anti-abuse\\): (\\d+)"))).as(out)
                    .isPositive();
            assertThat(Integer.parseInt(number(out, "Messages to members .*?(\\d+) RECORDED"))).as(out)
                    .isGreaterThan(100);
            assertThat(out).doesNotContain("PENDING");
        } finally {
            demo.destroy(); // SIGTERM: the same shutdown as Ctrl-C's SIGINT
            boolean stopped = demo.waitFor(2, TimeUnit.MINUTES);
            List<ProcessHandle> left = Leftovers.find(state);
            if (!stopped) {
                demo.destroyForcibly();
            }
            Leftovers.kill(state);
            assertThat(stopped).as("the demo stopped within 2 minutes").isTrue();
            assertThat(left).as("processes left running after the demo stopped").isEmpty();
        }
    }

    /** The lines of a section of the console: from its heading to the next empty line. */
    private static List<String> section(String out, String heading) {
        String rest = out.substring(out.indexOf(heading));
        return rest.lines().skip(1).takeWhile(line -> !line.isBlank()).toList();
    }

    private static String number(String out, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(out);
        return matcher.find() ? matcher.group(1) : null;
    }
}
