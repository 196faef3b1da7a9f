package ru.vklad.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the README's deploy section tells DevOps to create: the Secrets, by name, with their keys. */
final class DeployDocs {

    private static final Pattern SECRET_ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| ([^|]+)\\|");
    private static final Pattern KEY = Pattern.compile("`([A-Za-z0-9._-]+)`");

    private DeployDocs() {
    }

    /** Secret name → its keys, from the table under "### Secrets to create" in README.md. */
    static Map<String, Set<String>> secretsToCreate() throws IOException {
        String readme = Files.readString(Renderings.projectDir().resolve("README.md"));
        int start = readme.indexOf("### Secrets to create");
        if (start < 0) {
            throw new IllegalStateException("README.md has no \"### Secrets to create\" section");
        }
        int end = readme.indexOf("\n#", start + 1);
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            Matcher row = SECRET_ROW.matcher(line);
            if (row.find()) {
                Set<String> keys = new java.util.TreeSet<>();
                Matcher key = KEY.matcher(row.group(2));
                while (key.find()) {
                    keys.add(key.group(1));
                }
                secrets.put(row.group(1), keys);
            }
        }
        return secrets;
    }
}
