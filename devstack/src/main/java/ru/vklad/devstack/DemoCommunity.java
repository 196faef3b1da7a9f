package ru.vklad.devstack;

import java.util.Map;

/**
 * The demo VK community of the local system and the samples: its id, Callback API secret and confirmation string.
 * Local values only; a real deployment takes them from Kubernetes Secrets.
 */
public final class DemoCommunity {

    public static final long ID = 229000001L;
    public static final String SECRET = "s3cr3t-demo";
    public static final String CONFIRMATION = "demo-confirm-7f3a";

    private DemoCommunity() {
    }

    /**
     * The notification service in the demo: messages recorded at whatever hour the demo runs (no quiet hours) and
     * likes coalesced within seconds, so the demo shows its recorded messages while it runs.
     */
    public static Map<String, String> notificationServiceProperties() {
        return Map.of("vklad.notify.quiet-hours.start", "00:00", "vklad.notify.quiet-hours.end", "00:00",
                "vklad.notify.coalesce.window", "5s");
    }

    /** The activity service's configuration for this community, as system properties. */
    public static Map<String, String> activityServiceProperties() {
        String prefix = "vklad.vk.communities.\"" + ID + "\".";
        return Map.of(prefix + "secret", SECRET, prefix + "confirmation", CONFIRMATION, prefix + "audience", "employees");
    }
}
